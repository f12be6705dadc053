using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals.Panels;

/// <summary>Schedules a funding panel or risk enablement panel meeting.</summary>
[RequirePermission(Permission.DecideAtPanel)]
public sealed class NewModel(PanelService panels) : GovukPageModel
{
    [BindProperty]
    public PanelKind? Kind { get; set; }

    [BindProperty]
    public DateInput MeetingDate { get; set; } = new();

    [BindProperty]
    public string? Location { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (date, dateError) = MeetingDate.Parse("The date of the meeting", required: false);
        if (dateError is not null)
        {
            // The date could not be read: check the other answers too, so every problem is shown at once.
            var day = new DateOnly(2000, 1, 1);
            var others = ProblemsOf(() => PanelMeeting.Schedule(Kind, day, Location, day, new Actor(Guid.Empty, "check"), DateTimeOffset.MinValue));
            EnsureValid([new(nameof(MeetingDate), dateError), .. others.Where(e => e.Field != nameof(MeetingDate))]);
        }

        var meeting = await panels.ScheduleAsync(Kind, date, Location);
        Flash($"{meeting.Kind.Label()} meeting scheduled for {UkFormat.Date(meeting.MeetingDate)}");
        return RedirectToPage("/Approvals/Panels/Meeting", new { meetingId = meeting.Id });
    }
}
