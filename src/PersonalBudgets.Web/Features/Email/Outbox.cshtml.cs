using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Email;

/// <summary>The development outbox: what the service would have emailed. Not found when email goes out by SMTP.</summary>
[RequirePermission(Core.Security.Permission.ManageAccounts)]
public sealed class OutboxModel(PersonalBudgetsDbContext db, IOptions<EmailOptions> options, AuditLog audit) : GovukPageModel
{
    public IReadOnlyList<OutgoingEmail> Emails { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!options.Value.UsesOutbox)
        {
            return NotFound();
        }

        Emails = await db.OutgoingEmails.AsNoTracking().OrderByDescending(e => e.CreatedAt).Take(100).ToListAsync(HttpContext.RequestAborted);
        await audit.RecordAsync(AuditAction.Viewed, "Outbox", null, summary: "Viewed the development outbox", cancellationToken: HttpContext.RequestAborted);
        return Page();
    }
}
