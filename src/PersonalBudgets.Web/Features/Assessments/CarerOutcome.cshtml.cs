using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>One carer outcome (reg 3(2)(b)): how the carer manages it, without difficulty or in which of reg 3(3)'s ways they are unable.</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class CarerOutcomeModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    private static readonly CarerOutcome[] All = Enum.GetValues<CarerOutcome>();

    /// <summary>The answers ticked: "without difficulty", or the ways of being unable (reg 3(3)).</summary>
    [BindProperty]
    public List<CarerHowManaged> HowManaged { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    public CarerOutcome Outcome { get; private set; }

    public int Number => Array.IndexOf(All, Outcome) + 1;

    public int Count => All.Length;

    public override AssessmentSection? Section => AssessmentSection.CarerNeeds;

    public override string BackHref => Number == 1 ? Links.AssessmentSection(Assessment.Id, AssessmentSection.CarerNeeds) : Links.AssessmentCarerOutcome(Assessment.Id, All[Number - 2]);

    public static IReadOnlyList<SelectListItem> WayItems { get; } = Enum.GetValues<CarerHowManaged>()
        .Where(h => h != CarerHowManaged.WithoutDifficulty).Select(h => new SelectListItem(h.Label(), h.ToString())).ToList();

    public static SelectListItem WithoutDifficultyItem { get; } = new(CarerHowManaged.WithoutDifficulty.Label(), nameof(CarerHowManaged.WithoutDifficulty));

    public async Task OnGetAsync(Guid id, string outcome)
    {
        await LoadAsync(id, fromRecord: true);
        Outcome = Parse(outcome);
        var finding = Assessment.CarerOutcomes.SingleOrDefault(o => o.Outcome == Outcome);
        HowManaged = finding?.WithoutDifficulty is { } without ? CarerOutcomeAnswer.ToAnswers(without, finding.Reasons).ToList() : [];
        Note = finding?.Note;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string outcome)
    {
        await LoadAsync(id, fromRecord: false);
        Outcome = Parse(outcome);
        var next = Number < Count ? Links.AssessmentCarerOutcome(id, All[Number]) : Links.AssessmentOverview(id);
        return await SaveAndRedirectAsync(() => Assessments.SetCarerOutcomeAsync(id, Revision, Outcome, HowManaged, Note), next);
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Outcome = Parse(reload.Get<string>("outcome"));
    }

    private static CarerOutcome Parse(string outcome) =>
        Enum.TryParse<CarerOutcome>(outcome, ignoreCase: false, out var o) && Enum.IsDefined(o) && !int.TryParse(outcome, out _)
            ? o
            : throw new NotFoundException("The outcome");
}
