using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>One specified outcome (reg 2(2)): can the person achieve it, and if not, in which ways are they unable.</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class OutcomeModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    private static readonly SpecifiedOutcome[] All = Enum.GetValues<SpecifiedOutcome>();

    [BindProperty]
    [Required(ErrorMessage = "Select yes if the person can achieve this outcome")]
    public bool? Achievable { get; set; }

    [BindProperty]
    public List<UnableReasons> Reasons { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    public SpecifiedOutcome Outcome { get; private set; }

    public int Number => Array.IndexOf(All, Outcome) + 1;

    public int Count => All.Length;

    public override AssessmentSection? Section => AssessmentSection.Outcomes;

    public override string BackHref => Number == 1 ? Links.AssessmentSection(Assessment.Id, AssessmentSection.Outcomes) : Links.AssessmentOutcome(Assessment.Id, All[Number - 2]);

    public static IReadOnlyList<SelectListItem> ReasonItems { get; } = Enum.GetValues<UnableReasons>()
        .Where(r => r != UnableReasons.None).Select(r => new SelectListItem(r.Label(), r.ToString())).ToList();

    public async Task OnGetAsync(Guid id, string outcome)
    {
        await LoadAsync(id, fromRecord: true);
        Outcome = Parse(outcome);
        var finding = Assessment.Outcomes.SingleOrDefault(o => o.Outcome == Outcome);
        Achievable = finding?.Achievable;
        Reasons = finding is null ? [] : AssessmentDescription.ReasonList(finding.Reasons).ToList();
        Note = finding?.Note;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string outcome)
    {
        await LoadAsync(id, fromRecord: false);
        Outcome = Parse(outcome);

        var next = Number < Count ? Links.AssessmentOutcome(id, All[Number]) : Links.AssessmentOverview(id);
        var reasons = Reasons.Aggregate(UnableReasons.None, (all, r) => all | r);
        return await SaveAndRedirectAsync(() => Assessments.SetOutcomeAsync(id, Revision, Outcome, Achievable!.Value, reasons, Note), next);
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
