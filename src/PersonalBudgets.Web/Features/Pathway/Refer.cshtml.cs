using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Pathway;

/// <summary>Records a referral: opens the person's pathway with an owner and a due date for the assessment.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class ReferModel(PersonService people, PersonPathwayService pathway, TimeProvider clock) : GovukPageModel
{
    [BindProperty]
    public DateInput ReferralDate { get; set; } = new();

    [BindProperty]
    public string? ReferralNote { get; set; }

    [BindProperty]
    public Participation? Participation { get; set; }

    [BindProperty]
    public string? BestInterestsConsulted { get; set; }

    [BindProperty]
    public Guid? OwnerId { get; set; }

    public PersonRecord Record { get; private set; } = null!;
    public IReadOnlyList<OwnerOption> Owners { get; private set; } = [];

    public IEnumerable<SelectListItem> OwnerItems =>
        new[] { new SelectListItem("Select a member of staff", "") }.Concat(Owners.Select(o => new SelectListItem($"{o.Name} ({o.Profession.Label()})", o.Id.ToString())));

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id);
        ReferralDate = DateInput.From(clock.UkToday());
        OwnerId = Record.KeyWorker is { } kw && Owners.Any(o => o.Id == kw.Id) ? kw.Id : null;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id);
        var (date, dateError) = ReferralDate.Parse("The date of the referral", required: true);
        if (dateError is not null || OwnerId is null)
        {
            // Check the rest too, so every problem shows at once.
            var errors = new List<Core.People.FieldError>();
            if (dateError is not null) errors.Add(new(nameof(ReferralDate), dateError));
            PersonsPart.From(Participation, BestInterestsConsulted, errors);
            if (OwnerId is null) errors.Add(new(nameof(OwnerId), "Select who owns the referral from the staff in the person's teams"));
            throw new ValidationFailedException(errors);
        }

        await pathway.ReferAsync(id, date, ReferralNote, Participation, BestInterestsConsulted, OwnerId);
        Flash("Referral recorded");
        return RedirectToPage("/Pathway/Index", new { id });
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"));

    private async Task LoadAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id);
        Owners = await pathway.OwnerOptionsAsync(id);
    }
}
