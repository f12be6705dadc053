using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>
/// How the person took part in the review (with the best-interests decision when they lacked capacity), what is
/// working and not working, and for a direct payment whether its arrangements were reviewed. One page, because the
/// domain records them together.
/// </summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class FindingsModel(ReviewService reviews) : ReviewPageModel(reviews)
{
    [BindProperty]
    public Participation? Participation { get; set; }

    [BindProperty]
    public string? BestInterestsConsulted { get; set; }

    [BindProperty]
    public string? WhatIsWorking { get; set; }

    [BindProperty]
    public string? WhatIsNotWorking { get; set; }

    [BindProperty]
    public bool? DirectPaymentReviewed { get; set; }

    public async Task OnGetAsync(Guid reviewId)
    {
        await LoadAsync(reviewId, fromRecord: true);
        Participation = Review.Participation;
        BestInterestsConsulted = Review.BestInterestsConsulted;
        WhatIsWorking = Review.WhatIsWorking;
        WhatIsNotWorking = Review.WhatIsNotWorking;
        DirectPaymentReviewed = Review.DirectPaymentReviewed;
    }

    public async Task<IActionResult> OnPostAsync(Guid reviewId)
    {
        await LoadAsync(reviewId, fromRecord: false);
        return await SaveAndRedirectAsync(
            () => Reviews.RecordFindingsAsync(reviewId, Participation, BestInterestsConsulted, WhatIsWorking, WhatIsNotWorking, DirectPaymentReviewed, Revision),
            () => Links.ReviewTaskList(reviewId));
    }
}
