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
        try
        {
            var added = await panels.PlaceOnAgendaAsync(meetingId, RequestIds);
            Flash(added == 1 ? "1 plan added to the agenda" : $"{added} plans added to the agenda");
            return Redirect($"/Panels/{meetingId}");
        }
        catch (ValidationFailedException ex)
        {
            AddErrors(ex.Errors);
        }
        catch (DomainException ex) when (ex is not NotFoundException and not RecordAccessDeniedException)
        {
            AddErrors([new FieldError(nameof(RequestIds), ex.Message)]);
        }

        View = await panels.ViewAsync(meetingId);
        return PageWithErrors();
    }
}
