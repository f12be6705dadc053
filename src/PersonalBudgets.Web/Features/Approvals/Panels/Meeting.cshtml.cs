using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals.Panels;

/// <summary>A panel meeting's agenda, and a form to add open plans of its route that are on no agenda.</summary>
[RequirePermission(Permission.DecideAtPanel)]
public sealed class MeetingModel(PanelService panels) : GovukPageModel
{
    [BindProperty]
    public List<Guid> RequestIds { get; set; } = [];

    public MeetingView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid meetingId) => View = await panels.ViewAsync(meetingId);

    public async Task<IActionResult> OnPostAsync(Guid meetingId)
    {
        var added = await panels.PlaceOnAgendaAsync(meetingId, RequestIds);
        Flash(added == 1 ? "1 plan added to the agenda" : $"{added} plans added to the agenda");
        return RedirectToPage("/Approvals/Panels/Meeting", new { meetingId });
    }

    protected override async Task OnReloadAsync(PageReload reload) => View = await panels.ViewAsync(reload.Get<Guid>("meetingId"));

    /// <summary>A refusal about the agenda as a whole belongs by the list of plans.</summary>
    protected override string ErrorKey(string field) => field.Length == 0 ? nameof(RequestIds) : field;
}
