using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Web.Features.Admin.Accounts;

/// <summary>The account form as typed, kept as entered so nothing is lost when the page re-renders with errors.</summary>
public sealed class AccountInput
{
    public string? DisplayName { get; set; }
    public string? JobTitle { get; set; }
    public Profession? Profession { get; set; }
    public Guid? EmployerId { get; set; }
    public List<Role> Roles { get; set; } = [];
    public List<Guid> TeamIds { get; set; } = [];

    public AccountDetails ToDetails() => new(DisplayName, JobTitle, Profession, EmployerId, Roles, TeamIds);

    public static AccountInput From(AccountDetails details) => new()
    {
        DisplayName = details.DisplayName,
        JobTitle = details.JobTitle,
        Profession = details.Profession,
        EmployerId = details.EmployerId,
        Roles = details.Roles.ToList(),
        TeamIds = details.TeamIds.ToList(),
    };
}

/// <summary>A page showing the shared account fields (create and change).</summary>
public interface IAccountForm
{
    AccountInput Input { get; }
    AccountFormOptions Options { get; }
}

public static class AccountFormItems
{
    public static IReadOnlyList<SelectListItem> Employers(AccountFormOptions options) =>
        options.Employers.Select(e => new SelectListItem(e.Name, e.Id.ToString())).ToList();

    public static IReadOnlyList<SelectListItem> Teams(AccountFormOptions options) =>
        options.Teams.Select(t => new SelectListItem(t.Name, t.Id.ToString())).ToList();

    public static IReadOnlyList<SelectListItem> Roles() =>
        EnumLabels.All<Role>().Select(r => new SelectListItem(r.Label, r.Value.ToString())).ToList();

    private static readonly HashSet<string> InputFields = typeof(AccountInput).GetProperties().Select(p => p.Name).ToHashSet();

    /// <summary>Where a service error goes on the page: the account fields are under Input, the rest (email, password, reason, the whole account) are not.</summary>
    public static string Key(string field) => InputFields.Contains(field) ? $"{nameof(IAccountForm.Input)}.{field}" : field;

    /// <summary>Splits service errors between fields of the form (under the prefix) and the page as a whole.</summary>
    public static IEnumerable<FieldError> ForFields(IEnumerable<FieldError> errors, params string[] topLevel) =>
        errors.Where(e => e.Field.Length > 0 && !topLevel.Contains(e.Field));

    /// <summary>
    /// Replaces the framework's wording for a value that is not on a list (a tampered or stale form) with the
    /// design system's, for the list fields of the account form.
    /// </summary>
    public static void ReplaceBindingMessages(ModelStateDictionary modelState)
    {
        foreach (var (key, entry) in modelState)
        {
            var field = System.Text.RegularExpressions.Regex.Replace(key, @"\[\d+\]$", "");
            var message = field switch
            {
                "Input.Roles" => "Select roles from the list",
                "Input.TeamIds" => "Select teams from the list",
                "Input.Profession" => "Select a profession from the list",
                "Input.EmployerId" => "Select an employer from the list",
                _ => null,
            };
            if (message is not null && entry.Errors.Any(e => e.ErrorMessage.StartsWith("The value ", StringComparison.Ordinal) || e.ErrorMessage == "Select an option from the list"))
            {
                entry.Errors.Clear();
                entry.Errors.Add(message);
            }
        }
    }
}
