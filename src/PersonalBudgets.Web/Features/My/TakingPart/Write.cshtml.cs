using PersonalBudgets.Core.Representatives;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>
/// The person writes a part of their plan (about me, what matters, an outcome, an idea) as a draft for their worker.
/// A stale save (the worker answered the draft meanwhile) is a conflict that shows the typed words back.
/// </summary>
[RequirePerson(RepresentativeScopes.WritePlan)]
public sealed class WriteModel(MyPartService part, MyContext my) : GovukPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Part { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public PlanDraftKind Kind { get; private set; }

    public string Heading => Kind switch
    {
        PlanDraftKind.AboutMe => "About you",
        PlanDraftKind.WhatMatters => "What matters to you",
        PlanDraftKind.Outcome => "An outcome you want",
        _ => "An idea for how your needs could be met",
    };

    public string Hint => Kind switch
    {
        PlanDraftKind.AboutMe => "Your life, what you like, and the people who matter to you",
        PlanDraftKind.WhatMatters => "What is most important to you now. What does a good day look like?",
        PlanDraftKind.Outcome => "Something you want to be able to do, in your own words. For example: go swimming every week",
        _ => "For example: a class, a personal assistant, or help to get out",
    };

    private Guid PersonId => my.PersonId;

    public async Task OnGetAsync()
    {
        Kind = ParseKind();
        if (await part.WaitingDraftAsync(PersonId, Kind, HttpContext.RequestAborted) is { } draft)
        {
            Text = draft.Text;
            Revision = draft.Revision;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Kind = ParseKind();
        var draft = await part.WriteAsync(PersonId, Kind, Text, Revision, HttpContext.RequestAborted);
        Flash($"Thank you. {draft.OwnerName ?? "Your worker"} will look at what you wrote by {UkFormat.Date(draft.DueDate)}");
        return Redirect(MyPartPaths.Plan);
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        Kind = ParseKind();
        if (Conflict is not null)
        {
            // Saving again writes over the draft as it is now, or makes a new one if the worker answered it.
            var waiting = await part.WaitingDraftAsync(PersonId, Kind, HttpContext.RequestAborted);
            Revision = waiting?.Revision ?? 0;
        }
    }

    private PlanDraftKind ParseKind() => MyPartPaths.ParsePart(Part) ?? throw new NotFoundException("That part of the plan");
}
