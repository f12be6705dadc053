using PersonalBudgets.Core.Representatives;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// Transparency (issue 13, item 5): who in the council and the NHS looked at or changed the person's record and when,
/// from the audit log, by job and team, with break-glass uses and their reason; paged.
/// </summary>
[RequirePerson(RepresentativeScopes.SeeSupport)]
public sealed class WhoLookedModel(MyRecordViews views, MyContext my) : GovukPageModel
{
    public MyAccessLog Log { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1)
    {
        ModelState.Clear(); // a page number, not a form: one that does not parse shows the first page
        Log = await views.AccessLogAsync(my.PersonId, pageNumber, HttpContext.RequestAborted);
    }
}
