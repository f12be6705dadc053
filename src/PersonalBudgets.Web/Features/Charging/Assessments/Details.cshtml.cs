using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging.Assessments;

/// <summary>
/// One version of a financial assessment: the contribution and, for finance staff, the working line by line and the
/// evidence; completing, correcting, the person's request for a review and the finance team manager's decision.
/// Practitioners see the outcome, not the evidence.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class DetailsModel(FinancialAssessmentService finance, TimeProvider clock) : GovukPageModel
{
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public DateInput EffectiveFrom { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public FinanceReviewOutcome? Outcome { get; set; }

    public FinanceView View { get; private set; } = null!;

    /// <summary>The working the page shows: the saved result, or for one in progress a preview under today's policy.</summary>
    public ChargingResult? Working { get; private set; }

    public DomainException? PreviewRefusal { get; private set; }

    public IEnumerable<SelectListItem> OutcomeItems => EnumLabels.All<FinanceReviewOutcome>().Select(o => new SelectListItem(o.Label, o.Value.ToString(), o.Value == Outcome));

    public async Task OnGetAsync(Guid id, Guid assessmentId)
    {
        await LoadAsync(id, assessmentId);
        Revision = View.Assessment.Revision;
        EffectiveFrom = DateInput.From(clock.UkToday());
    }

    [RequireHandlerPermission(Permission.AssessFinances)]
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, Guid assessmentId)
    {
        var (date, error) = EffectiveFrom.Parse("The date the contribution starts", required: true);
        EnsureValid(error is null ? [] : [new FieldError(nameof(EffectiveFrom), error)]);
        var fa = await finance.CompleteAsync(id, assessmentId, Revision, date);
        Flash($"Financial assessment completed: {UkFormat.Money(fa.WeeklyContribution ?? 0)} a week from {UkFormat.Date(fa.EffectiveFrom!.Value)}");
        return RedirectToPage(new { id, assessmentId });
    }

    [RequireHandlerPermission(Permission.AssessFinances)]
    public async Task<IActionResult> OnPostCorrectAsync(Guid id, Guid assessmentId)
    {
        var correction = await finance.CorrectAsync(id, assessmentId, Reason);
        Flash($"Version {correction.Version} started to correct the assessment");
        return RedirectToPage("/Charging/Assessments/Edit", new { id, assessmentId = correction.Id });
    }

    [RequireHandlerPermission(Permission.AssessFinances)]
    public async Task<IActionResult> OnPostReviewAsync(Guid id, Guid assessmentId)
    {
        await finance.RequestReviewAsync(id, assessmentId, Revision, Reason);
        Flash("The person's request for a review is recorded: a finance team manager decides it");
        return RedirectToPage(new { id, assessmentId });
    }

    [RequireHandlerPermission(Permission.DecideFinanceReviews)]
    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid assessmentId)
    {
        var fa = await finance.DecideReviewAsync(id, assessmentId, Revision, Outcome, Reason);
        Flash(fa.ReviewOutcome == FinanceReviewOutcome.Correct ? "Review decided: a correction has been started for the assessment's owner" : "Review decided: the contribution stands");
        return RedirectToPage(new { id, assessmentId });
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await LoadAsync(reload.Get<Guid>("id"), reload.Get<Guid>("assessmentId"));
        if (reload.AfterConflict)
        {
            Revision = View.Assessment.Revision;
        }
    }

    private async Task LoadAsync(Guid id, Guid assessmentId)
    {
        View = await finance.GetAsync(id, assessmentId);
        var fa = View.Assessment;
        if (fa.Result is { } result)
        {
            Working = result;
        }
        else if (View.MaySeeEvidence)
        {
            PreviewRefusal = await RefusalOfAsync(async () =>
            {
                var policy = await finance.PolicyInForceTodayAsync();
                Working = ChargingCalculator.Calculate(policy.Definition, fa.Input with { WeeklyCost = View.ChargeableWeeklyCost ?? 0m });
            });
        }
    }
}
