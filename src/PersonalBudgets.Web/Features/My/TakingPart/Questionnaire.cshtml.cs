using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>One outcome's answer on the questionnaire form.</summary>
public sealed class QuestionnaireOutcomeInput
{
    public Guid PlanOutcomeId { get; set; }
    public HowWell? HowItWent { get; set; }
    public string? InOwnWords { get; set; }
}

/// <summary>
/// Before a review (ADR 0033): how each outcome of the plan went and how the process felt (after In Control's POET).
/// The person, or a representative whose grant lets them write, answers; they can change it until the review is completed.
/// </summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class QuestionnaireModel(MyQuestionnaireService questionnaires, MyContext my) : GovukPageModel
{
    [BindProperty]
    public List<QuestionnaireOutcomeInput> Outcomes { get; set; } = [];

    [BindProperty]
    public HowWell? EasyToGetBudget { get; set; }

    [BindProperty]
    public HowWell? InControl { get; set; }

    [BindProperty]
    public HowWell? HelpedLiveLife { get; set; }

    [BindProperty]
    public HowWell? TreatedWithRespect { get; set; }

    [BindProperty]
    public string? AboutTheProcess { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public MyQuestionnaire? View { get; private set; }

    public bool CanWrite => my.Has(RepresentativeScopes.AgreeAndAsk);

    public static IEnumerable<SelectListItem> OutcomeChoices =>
    [
        new("Yes, fully", nameof(HowWell.Fully)),
        new("Mostly", nameof(HowWell.Mostly)),
        new("Partly", nameof(HowWell.Partly)),
        new("Not at all", nameof(HowWell.NotAtAll)),
    ];

    public static IEnumerable<SelectListItem> ProcessChoices =>
    [
        new("Yes, very much", nameof(HowWell.Fully)),
        new("Mostly", nameof(HowWell.Mostly)),
        new("A little", nameof(HowWell.Partly)),
        new("No, not at all", nameof(HowWell.NotAtAll)),
    ];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (View?.Answers is { } a)
        {
            EasyToGetBudget = a.EasyToGetBudget;
            InControl = a.InControl;
            HelpedLiveLife = a.HelpedLiveLife;
            TreatedWithRespect = a.TreatedWithRespect;
            AboutTheProcess = a.AboutTheProcess;
        }

        Outcomes = View?.PlanOutcomes.Select(o => View.Answers?.Outcomes.FirstOrDefault(x => x.PlanOutcomeId == o.Id) is { } given
            ? new QuestionnaireOutcomeInput { PlanOutcomeId = o.Id, HowItWent = given.HowItWent, InOwnWords = given.InOwnWords }
            : new QuestionnaireOutcomeInput { PlanOutcomeId = o.Id }).ToList() ?? [];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Answering is something the person does: a representative needs the grant's "agree and ask" scope.
        my.Require(RepresentativeScopes.AgreeAndAsk);
        await questionnaires.SaveAsync(my.PersonId,
            Outcomes.Select(o => new QuestionnaireOutcomeAnswer(o.PlanOutcomeId, o.HowItWent, o.InOwnWords)).ToList(),
            new QuestionnaireProcessAnswers(EasyToGetBudget, InControl, HelpedLiveLife, TreatedWithRespect, AboutTheProcess),
            Revision, HttpContext.RequestAborted);
        Flash("Thank you. Your answers are saved, and your worker will read them at your review");
        return Redirect(MyPaths.Reviews);
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        var typed = Outcomes;
        await LoadAsync();
        // Keep what was typed, in the plan's order, one entry for each outcome of the plan.
        Outcomes = View?.PlanOutcomes.Select(o => typed.FirstOrDefault(t => t.PlanOutcomeId == o.Id) ?? new QuestionnaireOutcomeInput { PlanOutcomeId = o.Id }).ToList() ?? [];
    }

    private async Task LoadAsync()
    {
        View = await questionnaires.LoadAsync(my.PersonId, HttpContext.RequestAborted);
        Revision = View?.Revision ?? 0;
    }
}
