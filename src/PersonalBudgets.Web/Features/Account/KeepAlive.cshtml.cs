using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Account;

/// <summary>
/// "Stay signed in" (the timeout warning, docs/adr/0022-keeping-work-when-a-session-ends.md): a post marks the session as
/// used now. The warning's script posts it and reads back how many seconds are left; without script the page is a
/// form of its own that returns to where the user was. Any signed-in member of staff may use it; antiforgery applies.
/// </summary>
[Authorize]
public sealed class KeepAliveModel(StaffSessionService sessions, TimeProvider clock) : GovukPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>When the session will end if nothing else is done.</summary>
    public DateTimeOffset? EndsAt { get; private set; }

    public TimeSpan IdleTimeout => sessions.IdleTimeout;

    public void OnGet() => EndsAt = HttpContext.Items[StaffSessionService.EndsAtItem] as DateTimeOffset?;

    public async Task<IActionResult> OnPostAsync()
    {
        var endsAt = StaffSessionService.SessionIdOf(User) is { } id ? await sessions.ExtendAsync(id, HttpContext.RequestAborted) : null;
        if (Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true))
        {
            return endsAt is { } end
                ? new JsonResult(new { secondsLeft = (int)Math.Max(0, (end - clock.GetUtcNow()).TotalSeconds) })
                : Unauthorized();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
