using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Letters;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.PersonAccounts;

/// <summary>
/// The person's online account on their record (ADR 0029): its state (none, invited until a date, active, locked), the
/// invitations, and inviting the person by email or a printed letter. Inviting again cancels the waiting invitation.
/// A letter is shown in the answer to the POST: its code is stored only as a hash, so it cannot be shown again.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class OnlineAccountModel(PersonService people, InvitationService invitations, Representatives.RepresentativeService representatives, LetterService letters, AuditLog audit) : GovukPageModel
{
    public PersonRecord Record { get; private set; } = null!;

    public PersonAccountOverview Account { get; private set; } = null!;

    public InvitationLetter? Letter { get; private set; }

    /// <summary>The person's representatives (ADR 0030), counted here and listed on their own page.</summary>
    public IReadOnlyList<Representatives.GrantRow> Representatives { get; private set; } = [];

    public LetterHeading? Heading { get; private set; }

    /// <summary>Where the person makes their account, as the letter prints it.</summary>
    public string SignUpAddress => $"{Request.Scheme}://{Request.Host}{MyPaths.Start}";

    [BindProperty]
    public InvitationDelivery? Delivery { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id);
        Email = Record.Person.Email;
        await audit.RecordAsync(AuditAction.Viewed, InvitationService.RecordType, id.ToString(), id, summary: "Viewed the person's online account", cancellationToken: HttpContext.RequestAborted);
    }

    private async Task LoadAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id, HttpContext.RequestAborted);
        Account = await invitations.OverviewAsync(id, HttpContext.RequestAborted);
        Representatives = await representatives.ForPersonAsync(id, HttpContext.RequestAborted);
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(Guid.Parse(RouteData.Values["id"]!.ToString()!, System.Globalization.CultureInfo.InvariantCulture));

    [RequireHandlerPermission(Permission.PlanSupport)]
    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var letter = await invitations.InviteAsync(id, Delivery, Email, SignUpAddress, HttpContext.RequestAborted);
        if (Delivery == InvitationDelivery.Email)
        {
            TempData["Flash"] = "Invitation sent by email";
            return Redirect(Links.PersonOnlineAccount(id));
        }

        await LoadAsync(id);
        Letter = letter;
        Heading = await letters.HeadingAsync(id, "INVITE", ct: HttpContext.RequestAborted);
        return Page();
    }
}
