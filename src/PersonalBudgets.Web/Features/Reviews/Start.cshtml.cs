using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>Starts the scheduled review of the person's plan and budget (the button on the Reviews tab posts here).</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class StartModel(ReviewService reviews, PersonService people) : GovukPageModel
{
    public ReviewStart? Start { get; private set; }

    public PersonRecord Record { get; private set; } = null!;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id);
        var refusal = await RefusalOfAsync(async () => Start = await reviews.StartInfoAsync(id));
        Refusal = refusal?.Message;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var review = await reviews.StartAsync(id, ReviewReason.Scheduled, null);
        Flash($"Scheduled review started, due {UkFormat.Date(review.DueDate)}");
        return Redirect(Links.ReviewTaskList(review.Id));
    }

    /// <summary>A refusal is shown at the top and in place of the start button.</summary>
    protected override async Task OnReloadAsync(PageReload reload)
    {
        Record = await people.LoadForEditAsync(reload.Get<Guid>("id"));
        if (reload.Refusal is { } refusal and not ValidationFailedException)
        {
            Refusal = refusal.Message;
        }
    }

    protected override string ErrorKey(string field) => string.Empty;
}
