using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

[RequirePermission(Permission.EditPeople)]
public sealed class EditModel(PersonService people, TimeProvider clock) : GovukPageModel, IPersonForm
{
    [BindProperty]
    public PersonInput Input { get; set; } = new();

    /// <summary>The version of the record the form was loaded from.</summary>
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public PersonRecord Record { get; private set; } = null!;

    /// <summary>After a conflict: what the user entered that differs from the record as now saved.</summary>
    public IReadOnlyList<FieldChange> Unsaved { get; private set; } = [];

    public async Task OnGetAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id);
        Input = PersonInput.From(Record.Person.ToDetails());
        Version = Record.Person.Version;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var (details, inputErrors) = Input.ToDetails();
        EnsureValid(inputErrors.Select(e => e with { Field = $"{nameof(Input)}.{e.Field}" }));
        var changes = await people.UpdateAsync(id, details, Version, Reason);
        Flash(changes.Count == 0 ? "No changes to save" : "Record updated");
        return RedirectToPage("Details", new { id });
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        var id = reload.Get<Guid>("id");
        Record = await people.LoadForEditAsync(id);
        var (details, inputErrors) = Input.ToDetails();
        if (reload.Refusal is ConcurrencyConflictException)
        {
            // Nothing is lost: show what they entered beside what is now saved, and reload the form from the record.
            var saved = Record.Person.ToDetails();
            var (entered, _) = PersonDetailsRules.Validate(details, clock.UkToday());
            Unsaved = PersonDetailsRules.Compare(saved, entered);
            var message = ModelState[string.Empty]!.Errors[0].ErrorMessage;
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, message);
            Input = PersonInput.From(saved);
            Version = Record.Person.Version;
            return;
        }

        if (reload.Refusal is null || inputErrors.Count > 0)
        {
            // Show every problem at once: the record's rules too.
            AddErrors(inputErrors, nameof(Input));
            AddErrors(await people.CheckAsync(details, id), nameof(Input));
        }
    }

    /// <summary>The record's fields are in Input; the reason is on its own.</summary>
    protected override string ErrorKey(string field) => field is "Reason" or "" || field.StartsWith("Input.", StringComparison.Ordinal) ? field : $"{nameof(Input)}.{field}";
}
