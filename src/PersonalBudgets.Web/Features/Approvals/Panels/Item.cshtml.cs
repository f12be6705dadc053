using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals.Panels;

/// <summary>A plan on a meeting's agenda: the plan summary and the panel's decision, recorded by a panel member.</summary>
[RequirePermission(Permission.DecideAtPanel)]
public sealed class ItemModel(ApprovalService approvals, ApprovalDecisionService decisions) : DecisionPageModel(approvals, decisions)
{
    public Guid MeetingId { get; private set; }

    /// <summary>The form shows once the meeting's day has come: a panel decides at its meeting, never before.</summary>
    public override bool ShowForm => View.Request.IsOpen && View.Request.PanelMeetingId == MeetingId && !View.MeetingNotYetHeld;

    public async Task OnGetAsync(Guid meetingId, Guid requestId)
    {
        MeetingId = meetingId;
        await LoadAsync(requestId, audited: true);
        EnsureOnAgenda();
    }

    [RequireHandlerPermission(Permission.DecideApprovals)]
    public async Task<IActionResult> OnPostAsync(Guid meetingId, Guid requestId)
    {
        MeetingId = meetingId;
        return await DecideAsync(requestId, meetingId, "Panel decision recorded", "/Approvals/Panels/Meeting", new { meetingId });
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        MeetingId = reload.Get<Guid>("meetingId");
        await base.OnReloadAsync(reload);
    }

    private void EnsureOnAgenda()
    {
        // A decided plan stays on the agenda; a deferred one leaves it for a later meeting.
        if (View.Request.PanelMeetingId != MeetingId && View.Meeting?.Id != MeetingId)
        {
            throw new NotFoundException("The plan on this meeting's agenda");
        }
    }
}
