using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>One outcome's answer on the self-assessment form.</summary>
public sealed class SelfAssessmentAnswerForm
{
    public SpecifiedOutcome? Outcome { get; set; }
    public string? HowIManage { get; set; }
    public string? WhatIsHard { get; set; }
}

/// <summary>
/// "Tell us about your needs" (ADR 0031): the person's supported self-assessment, in their own words. Kept as a draft
/// they can change, then sent to their worker. A representative needs the grant's "write" scope to write it.
/// </summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class SelfAssessmentModel(MySelfAssessmentService selfAssessments, MyContext my) : GovukPageModel
{
    [BindProperty]
    public List<SelfAssessmentAnswerForm> Answers { get; set; } = [];

    [BindProperty]
    public string? WhatMatters { get; set; }

    [BindProperty]
    public string? AnythingElse { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public MySelfAssessment View { get; private set; } = new(null, null);

    public bool CanWrite => my.Has(RepresentativeScopes.WritePlan);

    public bool CanChange => CanWrite && View.Open is null or { IsDraft: true };

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var open = View.Open;
        WhatMatters = open?.WhatMatters;
        AnythingElse = open?.AnythingElse;
        Answers = Enum.GetValues<SpecifiedOutcome>().Select(o => new SelfAssessmentAnswerForm
        {
            Outcome = o,
            HowIManage = open?.For(o)?.HowIManage,
            WhatIsHard = open?.For(o)?.WhatIsHard,
        }).ToList();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Writing the person's words is something they do: a representative needs the grant's "write" scope.
        my.Require(RepresentativeScopes.WritePlan);
        await selfAssessments.SaveAsync(my.PersonId,
            Answers.Select(a => new SelfAssessmentAnswerInput(a.Outcome, a.HowIManage, a.WhatIsHard)).ToList(),
            WhatMatters, AnythingElse, Revision, send: false, HttpContext.RequestAborted);
        Flash("Your answers are saved. You can change them, and send them to your worker when you are ready");
        return Redirect(MyPartPaths.SelfAssessment);
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        my.Require(RepresentativeScopes.WritePlan);
        var sent = await selfAssessments.SendAsync(my.PersonId, Revision, HttpContext.RequestAborted);
        Flash($"Thank you. Your answers are sent. {sent.OwnerName ?? "Your worker"} will read them by {UkFormat.Date(sent.DueDate!.Value)}");
        return Redirect(MyPartPaths.SelfAssessment);
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        var typed = Answers;
        await LoadAsync();
        // Keep what was typed, one entry for each outcome, in the form's order.
        Answers = Enum.GetValues<SpecifiedOutcome>().Select(o => typed.FirstOrDefault(t => t.Outcome == o) ?? new SelfAssessmentAnswerForm { Outcome = o }).ToList();
    }

    private async Task LoadAsync()
    {
        View = await selfAssessments.LoadAsync(my.PersonId, HttpContext.RequestAborted);
        Revision = View.Revision;
    }
}
