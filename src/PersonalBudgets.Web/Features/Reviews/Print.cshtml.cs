using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>The review record for the person, in plain English, to print or save. Viewing it is audited.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class PrintModel(ReviewService reviews) : GovukPageModel
{
    public ReviewView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid reviewId) => View = await reviews.ViewAsync(reviewId);

    /// <summary>The date in the UK, without the time: a letter is dated, not timed.</summary>
    public static string DateOf(DateTimeOffset instant) => Core.Common.UkFormat.DateTime(instant).Split(" at ")[0];
}
