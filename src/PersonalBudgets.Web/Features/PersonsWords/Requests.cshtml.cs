using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.PersonsWords;

/// <summary>What the person asked for in their own area (reviews, challenges), each with its owner and due date, and the answers.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class RequestsModel(PersonsWordsService words) : GovukPageModel
{
    [BindProperty]
    public Guid RequestId { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    public PersonRequestsView View { get; private set; } = null!;

    public async Task OnGetAsync(Guid id) => View = await words.RequestsAsync(id, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAnswerAsync(Guid id)
    {
        await words.AnswerAsync(id, RequestId, Answer, Revision, HttpContext.RequestAborted);
        Flash("Your answer is saved: the person can read it in their own area");
        return Redirect(Links.PersonRequests(id));
    }

    protected override async Task OnReloadAsync(PageReload reload) => View = await words.RequestsAsync(reload.Get<Guid>("id"), HttpContext.RequestAborted);
}
