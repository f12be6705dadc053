using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>One specified outcome (reg 2(2)): how the person manages it, without difficulty or in which ways they are unable (reg 2(3)).</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class OutcomeModel(AssessmentService assessments, PersonsWords.PersonsSelfAssessmentService selfAssessments) : AssessmentPageModel(assessments)
{
    private static readonly SpecifiedOutcome[] All = Enum.GetValues<SpecifiedOutcome>();

    /// <summary>The answers ticked: "without difficulty", or the ways of being unable (reg 2(3)).</summary>
    [BindProperty]
    public List<HowManaged> HowManaged { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    public SpecifiedOutcome Outcome { get; private set; }

    /// <summary>What the person wrote about this outcome in the self-assessment they sent (ADR 0031), if any.</summary>
    public string? PersonsWords { get; private set; }

    public int Number => Array.IndexOf(All, Outcome) + 1;

    public int Count => All.Length;

    public override AssessmentSection? Section => AssessmentSection.Outcomes;

    public override string BackHref => Number == 1 ? Links.AssessmentSection(Assessment.Id, AssessmentSection.Outcomes) : Links.AssessmentOutcome(Assessment.Id, All[Number - 2]);

    public static IReadOnlyList<SelectListItem> WayItems { get; } = Enum.GetValues<HowManaged>()
        .Where(h => h != Core.Assessments.HowManaged.WithoutDifficulty).Select(h => new SelectListItem(h.Label(), h.ToString())).ToList();

    public static SelectListItem WithoutDifficultyItem { get; } =
        new(Core.Assessments.HowManaged.WithoutDifficulty.Label(), nameof(Core.Assessments.HowManaged.WithoutDifficulty));

    public async Task OnGetAsync(Guid id, string outcome)
    {
        await LoadAsync(id, fromRecord: true);
        Outcome = Parse(outcome);
        var finding = Assessment.Outcomes.SingleOrDefault(o => o.Outcome == Outcome);
        HowManaged = finding?.WithoutDifficulty is { } without ? OutcomeFinding.ToAnswers(without, finding.Reasons).ToList() : [];
        Note = finding?.Note;
        PersonsWords = (await selfAssessments.WaitingAsync(Assessment.PersonId, HttpContext.RequestAborted))?.For(Outcome)?.AsNote();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string outcome)
    {
        await LoadAsync(id, fromRecord: false);
        Outcome = Parse(outcome);

        var next = Number < Count ? Links.AssessmentOutcome(id, All[Number]) : Links.AssessmentOverview(id);
        return await SaveAndRedirectAsync(() => Assessments.SetOutcomeAsync(id, Revision, Outcome, HowManaged, Note), next);
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Outcome = Parse(reload.Get<string>("outcome"));
    }

    private static SpecifiedOutcome Parse(string outcome) =>
        Enum.TryParse<SpecifiedOutcome>(outcome, ignoreCase: false, out var o) && Enum.IsDefined(o) && !int.TryParse(outcome, out _)
            ? o
            : throw new NotFoundException("The outcome");
}
