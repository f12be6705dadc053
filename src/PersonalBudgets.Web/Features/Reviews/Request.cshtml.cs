using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>Records a request for a review (from the person, a carer or a practitioner) with the reason, and starts it.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class RequestModel(ReviewService reviews, PersonService people) : GovukPageModel
{
    [BindProperty]
    public ReviewReason? Reason { get; set; }

    [BindProperty]
    public string? RequestDetail { get; set; }

    public PersonRecord Record { get; private set; } = null!;

    public ReviewStart? Start { get; private set; }

    public string? Refusal { get; private set; }

    public async Task OnGetAsync(Guid id) => await LoadAsync(id);

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        // Only a request is made here: a scheduled review is started from the Reviews tab.
        var review = await reviews.StartAsync(id, Reason == ReviewReason.Scheduled ? null : Reason, RequestDetail);
        Flash($"{review.Reason.Label()} started, due {UkFormat.Date(review.DueDate)}");
        return Redirect(Links.ReviewTaskList(review.Id));
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"));

    private async Task LoadAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id);
        Refusal = (await RefusalOfAsync(async () => Start = await reviews.StartInfoAsync(id)))?.Message;
    }
}
