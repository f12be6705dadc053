using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Features.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

/// <summary>The person gives someone access (ADR 0030): who, what they may see and do, from and until when. An invitation goes to them by email.</summary>
[RequirePerson]
public sealed class RepresentativeAddModel(MyContext my, RepresentativeService representatives, TimeProvider clock) : GovukPageModel
{
    [BindProperty]
    public GrantForm Input { get; set; } = new();

    protected override string ErrorKey(string field) => field.Length == 0 ? field : $"{nameof(Input)}.{field}";

    public void OnGet() => Input.StartsOn = DateInput.From(clock.UkToday());

    public async Task<IActionResult> OnPostAsync()
    {
        var request = Input.ToRequest(byStaff: false, clock.UkToday());
        await representatives.GrantAsync(my.PersonId, request, $"{Request.Scheme}://{Request.Host}{MyPaths.Start}", HttpContext.RequestAborted);
        Flash($"We sent {request.Name!.Trim()} an email with a code to make their account");
        return Redirect(MyPaths.Representatives);
    }
}
