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

    public ConcurrencyConflictException? Conflict { get; private set; }

    public async Task OnGetAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id);
        Input = PersonInput.From(Record.Person.ToDetails());
        Version = Record.Person.Version;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id);
        var (details, inputErrors) = Input.ToDetails();
        AddErrors(inputErrors, "Input");
        if (!ModelState.IsValid)
        {
            AddErrors(await people.CheckAsync(details, id), "Input");
            return PageWithErrors();
        }

        try
        {
            var changes = await people.UpdateAsync(id, details, Version, Reason);
            Flash(changes.Count == 0 ? "No changes to save" : "Record updated");
            return RedirectToPage("Details", new { id });
        }
        catch (ValidationFailedException ex)
        {
            AddErrors(ex.Errors.Where(e => e.Field == "Reason"));
            AddErrors(ex.Errors.Where(e => e.Field != "Reason"), "Input");
            return PageWithErrors();
        }
        catch (ConcurrencyConflictException ex)
        {
            // Nothing is lost: show what they entered beside what is now saved, and reload the form from the record.
            Conflict = ex;
            Record = await people.LoadForEditAsync(id);
            var saved = Record.Person.ToDetails();
            var (entered, _) = PersonDetailsRules.Validate(details, clock.UkToday());
            Unsaved = PersonDetailsRules.Compare(saved, entered);
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, ex.Message);
            Input = PersonInput.From(saved);
            Version = Record.Person.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }
}
