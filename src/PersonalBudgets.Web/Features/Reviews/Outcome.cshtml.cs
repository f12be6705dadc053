using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>Whether one of the plan's outcomes was achieved, with the person's own comment.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class OutcomeModel(ReviewService reviews) : ReviewPageModel(reviews)
{
    [BindProperty]
    public OutcomeAchieved? Achieved { get; set; }

    [BindProperty]
    public string? PersonComment { get; set; }

    public ReviewOutcome Outcome { get; private set; } = null!;

    public async Task OnGetAsync(Guid reviewId, Guid planOutcomeId)
    {
        await LoadOutcomeAsync(reviewId, planOutcomeId, fromRecord: true);
        Achieved = Outcome.Achieved;
        PersonComment = Outcome.PersonComment;
    }

    public async Task<IActionResult> OnPostAsync(Guid reviewId, Guid planOutcomeId)
    {
        await LoadOutcomeAsync(reviewId, planOutcomeId, fromRecord: false);
        return await SaveAndRedirectAsync(() => Reviews.RecordOutcomeAsync(reviewId, planOutcomeId, Achieved, PersonComment, Revision), () => NextHref(planOutcomeId));
    }

    protected override Task OnReloadAsync(PageReload reload) =>
        LoadOutcomeAsync(reload.Get<Guid>("reviewId"), reload.Get<Guid>("planOutcomeId"), reload.AfterConflict);

    /// <summary>The next outcome not yet answered, else the task list.</summary>
    private string NextHref(Guid planOutcomeId)
    {
        var after = Review.Outcomes.SkipWhile(o => o.PlanOutcomeId != planOutcomeId).Skip(1).FirstOrDefault(o => o.Achieved is null);
        return after is null ? Links.ReviewTaskList(Review.Id) : Links.ReviewOutcome(Review.Id, after.PlanOutcomeId);
    }

    private async Task LoadOutcomeAsync(Guid reviewId, Guid planOutcomeId, bool fromRecord)
    {
        await LoadAsync(reviewId, fromRecord);
        Outcome = Review.Outcomes.SingleOrDefault(o => o.PlanOutcomeId == planOutcomeId) ?? throw new NotFoundException("The outcome");
    }
}
