using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Admin.ServiceStandards;

/// <summary>The service standards in force, a form to change them with a reason, and the earlier versions.</summary>
[RequirePermission(Permission.ManageServiceStandards)]
public sealed class IndexModel(ServiceStandardsService standards) : GovukPageModel
{
    /// <summary>The fields as typed, so nothing is lost on an error.</summary>
    public sealed class StandardsInput
    {
        public string? AssessmentDaysFromReferral { get; set; }
        public string? EligibilityWorkingDays { get; set; }
        public string? IndicativeBudgetWorkingDays { get; set; }
        public string? PlanDaysFromEligibility { get; set; }
        public string? ApprovalWorkingDays { get; set; }
        public string? FirstReviewWeeksAfterStart { get; set; }
        public string? ReviewMonths { get; set; }
        public string? DirectPaymentFirstReviewMonths { get; set; }
        public string? TeamManagerWeeklyLimit { get; set; }
        public string? PlanVariancePercent { get; set; }

        public static StandardsInput From(Core.Pathways.ServiceStandards s) => new()
        {
            AssessmentDaysFromReferral = Show(s.AssessmentDaysFromReferral),
            EligibilityWorkingDays = Show(s.EligibilityWorkingDays),
            IndicativeBudgetWorkingDays = Show(s.IndicativeBudgetWorkingDays),
            PlanDaysFromEligibility = Show(s.PlanDaysFromEligibility),
            ApprovalWorkingDays = Show(s.ApprovalWorkingDays),
            FirstReviewWeeksAfterStart = Show(s.FirstReviewWeeksAfterStart),
            ReviewMonths = Show(s.ReviewMonths),
            DirectPaymentFirstReviewMonths = Show(s.DirectPaymentFirstReviewMonths),
            TeamManagerWeeklyLimit = NumberInput.Show(s.TeamManagerWeeklyLimit),
            PlanVariancePercent = Show(s.PlanVariancePercent),
        };

        private static string Show(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Parses every field, adding an error for each that is not a number; null if any failed.</summary>
        public Core.Pathways.ServiceStandards? Parse(List<FieldError> errors)
        {
            var before = errors.Count;
            var a = NumberInput.Whole(AssessmentDaysFromReferral, nameof(AssessmentDaysFromReferral), "Days to complete an assessment", errors);
            var b = NumberInput.Whole(EligibilityWorkingDays, nameof(EligibilityWorkingDays), "Working days to decide eligibility", errors);
            var c = NumberInput.Whole(IndicativeBudgetWorkingDays, nameof(IndicativeBudgetWorkingDays), "Working days to give an indicative budget", errors);
            var d = NumberInput.Whole(PlanDaysFromEligibility, nameof(PlanDaysFromEligibility), "Days to agree a support plan", errors);
            var e = NumberInput.Whole(ApprovalWorkingDays, nameof(ApprovalWorkingDays), "Working days to decide approval", errors);
            var f = NumberInput.Whole(FirstReviewWeeksAfterStart, nameof(FirstReviewWeeksAfterStart), "Weeks to the first review", errors);
            var g = NumberInput.Whole(ReviewMonths, nameof(ReviewMonths), "Months between reviews", errors);
            var h = NumberInput.Whole(DirectPaymentFirstReviewMonths, nameof(DirectPaymentFirstReviewMonths), "Months to the first direct payment review", errors);
            var i = NumberInput.Money(TeamManagerWeeklyLimit, nameof(TeamManagerWeeklyLimit), "The team manager's weekly limit", required: true, errors);
            var j = NumberInput.Whole(PlanVariancePercent, nameof(PlanVariancePercent), "The percentage", errors);
            var parsed = new Core.Pathways.ServiceStandards(a ?? 28, b ?? 5, c ?? 5, d ?? 28, e ?? 10, f ?? 8, g ?? 12, h ?? 6, i ?? 0, j ?? 10);
            if (errors.Count == before)
            {
                return parsed;
            }

            // Show the rules' problems with the fields that were numbers too, so every problem shows at once.
            var unreadable = errors.Skip(before).Select(x => x.Field).ToHashSet();
            errors.AddRange(parsed.Problems().Where(p => !unreadable.Contains(p.Field)));
            return null;
        }
    }

    [BindProperty]
    public StandardsInput Input { get; set; } = new();

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The version the form was loaded from (0 for the defaults).</summary>
    [BindProperty]
    public int Number { get; set; }

    public StandardsOverview Overview { get; private set; } = null!;

    /// <summary>On the check step: each standard in force beside its new value; null while changing them.</summary>
    public IReadOnlyList<StandardComparison>? Comparison { get; private set; }

    public async Task OnGetAsync()
    {
        Overview = await standards.OverviewAsync();
        Input = StandardsInput.From(Overview.Current);
        Number = Overview.Number;
    }

    /// <summary>Continue: checks the new values and shows them beside the version in force; nothing is saved yet.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var parsed = Parsed();
        Comparison = await standards.CheckAsync(parsed, Reason, Number);
        Overview = await standards.OverviewAsync();
        return Page();
    }

    /// <summary>Back from the check step to the form, with what was typed.</summary>
    public async Task<IActionResult> OnPostChangeAsync()
    {
        Overview = await standards.OverviewAsync();
        return Page();
    }

    /// <summary>Publishes the checked values as a new version.</summary>
    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var version = await standards.SaveAsync(Parsed(), Reason, Number);
        Flash($"Service standards version {version.Number} published: new due dates use it from now on");
        return RedirectToPage("/Admin/ServiceStandards/Index");
    }

    private Core.Pathways.ServiceStandards Parsed()
    {
        var errors = new List<FieldError>();
        var parsed = Input.Parse(errors);
        EnsureValid(errors);
        return parsed!;
    }

    /// <summary>What was typed stays; after a conflict the page shows the version in force now, and saving again builds on it.</summary>
    protected override async Task OnReloadAsync(PageReload reload)
    {
        Overview = await standards.OverviewAsync();
        if (reload.AfterConflict)
        {
            ModelState.Remove(nameof(Number));
            Number = Overview.Number;
        }
    }

    /// <summary>The standards' fields are in Input; the reason is on its own.</summary>
    protected override string ErrorKey(string field) => field == nameof(Reason) || field.Length == 0 ? field : $"{nameof(Input)}.{field}";
}
