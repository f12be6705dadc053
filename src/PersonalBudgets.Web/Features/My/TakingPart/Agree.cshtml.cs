using PersonalBudgets.Core.Representatives;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>The person agrees their plan, or says what they disagree with, in their own words: recorded as the person's agreement on the plan.</summary>
[RequirePerson(RepresentativeScopes.AgreeAndAsk)]
public sealed class AgreeModel(MyPartService part, MyContext my) : GovukPageModel
{
    [BindProperty]
    public PlanAgreement? Agreement { get; set; }

    [BindProperty]
    public string? InOwnWords { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public MyPlan? View { get; private set; }

    public static IEnumerable<SelectListItem> Choices =>
    [
        new("Yes, I agree with my plan", nameof(PlanAgreement.Agreed)),
        new("I agree, but I am worried about some things", nameof(PlanAgreement.AgreedWithReservations)),
        new("No, I do not agree with my plan", nameof(PlanAgreement.Disagreed)),
    ];

    private Guid PersonId => my.PersonId;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Agreement = View?.Agreement;
        InOwnWords = View?.AgreementInOwnWords;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The domain names the field "AgreementInOwnWords"; the form calls it InOwnWords.
        await part.AgreeAsync(PersonId, Agreement, InOwnWords, Revision, HttpContext.RequestAborted);
        Flash("Thank you. What you said about your plan is saved, and your worker can see it");
        return Redirect(MyPartPaths.Plan);
    }

    protected override string ErrorKey(string field) => field == "AgreementInOwnWords" ? nameof(InOwnWords) : field;

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync();

    private async Task LoadAsync()
    {
        View = await part.PlanAsync(PersonId, HttpContext.RequestAborted);
        Revision = View?.Revision ?? 0;
    }
}
