using Microsoft.AspNetCore.Mvc;

namespace PersonalBudgets.Web.Features.PersonsWords;

/// <summary>
/// What people wrote or asked for in their own area, waiting for staff (ADR 0031): on a person's record (whose page
/// has checked access), or in My work (what the signed-in member owns), each with its owner and due date.
/// </summary>
public sealed class PersonsWaitingViewComponent(PersonsWordsService words) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? personId)
    {
        var items = personId is { } id ? await words.WaitingForPersonAsync(id, HttpContext.RequestAborted) : await words.MineAsync(HttpContext.RequestAborted);
        return View("~/Features/PersonsWords/_PersonsWaiting.cshtml", new PersonsWaitingList(items, personId is null));
    }
}

public sealed record PersonsWaitingList(IReadOnlyList<PersonsWaitingItem> Items, bool InMyWork);
