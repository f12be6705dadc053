using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>
/// Check your answers and decide: every answer with a change link, every gap with a link to where it is answered, and
/// the decision (continue, revise the plan, reassess, end support), which completes the review and moves the pathway.
/// </summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class DecisionModel(ReviewService reviews) : ReviewPageModel(reviews)
{
    [BindProperty]
    public ReviewDecision? Decision { get; set; }

    [BindProperty]
    public string? DecisionNote { get; set; }

    public IReadOnlyList<FieldError> Gaps => Review.Gaps();

    public async Task OnGetAsync(Guid reviewId)
    {
        await LoadAsync(reviewId, fromRecord: true);
        Decision = Review.Decision;
        DecisionNote = Review.DecisionNote;
    }

    public async Task<IActionResult> OnPostAsync(Guid reviewId)
    {
        await LoadAsync(reviewId, fromRecord: false);
        var result = await SaveAndRedirectAsync(() => Reviews.CompleteAsync(reviewId, Decision, DecisionNote, Revision), () => Links.ReviewTaskList(reviewId));
        Flash($"Review completed: {Decision!.Value.Label().ToLowerInvariant()}");
        return result;
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        if (reload.Refusal is not (ConflictException or ConcurrencyConflictException))
        {
            // The gaps are listed in the order the page shows them, then the decision's own fields.
            ViewData[FieldOrderKey] = Gaps.Select(g => g.Field).Concat([nameof(Decision), nameof(DecisionNote)]).ToList();
        }
    }
}
