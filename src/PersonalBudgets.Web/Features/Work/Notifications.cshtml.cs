using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Notifications;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>The signed-in user's notifications, newest first.</summary>
[RequirePermission(Permission.UseService)]
public sealed class NotificationsModel(WorkService work) : GovukPageModel
{
    public Paged<Notification> Items { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int page = 1) => Items = await work.NotificationsAsync(page);

    public async Task<IActionResult> OnPostAsync()
    {
        var count = await work.MarkAllReadAsync();
        Flash(count == 1 ? "1 notification marked as read" : $"{count} notifications marked as read");
        return RedirectToPage("/Work/Notifications");
    }
}
