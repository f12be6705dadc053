using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Notifications;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Approvals;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>A person the user is key worker for, with what tells them apart.</summary>
public sealed record MyPerson(Guid Id, string Name, string Identity);

/// <summary>
/// The home page as a practitioner's work (issue 11, item 8): how much of their work is overdue and due this week, what
/// waits for their decision, their unread notifications, and the people they are key worker for.
/// </summary>
public sealed record Home(
    int Open,
    int Overdue,
    int DueThisWeek,
    int? WaitingForDecision,
    int UnreadNotifications,
    IReadOnlyList<Notification> NewNotifications,
    IReadOnlyList<MyPerson> MyPeople,
    IReadOnlyList<string> MyTeams);

public sealed class HomeService(
    PersonalBudgetsDbContext db,
    ICurrentUser currentUser,
    TimeProvider clock,
    AuditLog audit,
    ApprovalService approvals)
{
    public const int NewNotificationsShown = 5;
    public const int PeopleShown = 50;

    public async Task<Home> LoadAsync(bool planSupport, bool viewPeople, bool approve, CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var today = clock.UkToday();
        var weekAhead = today.AddDays(7);
        var teams = await db.TeamMemberships.Where(m => m.UserId == me).Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => t.Name).OrderBy(n => n).ToListAsync(ct);

        int open = 0, overdue = 0, dueThisWeek = 0;
        if (planSupport)
        {
            var mine = db.PathwaySteps.AsNoTracking().Where(s => s.OwnerId == me && s.CompletedAt == null);
            open = await mine.CountAsync(ct);
            overdue = await mine.CountAsync(s => s.DueDate < today, ct);
            dueThisWeek = await mine.CountAsync(s => s.DueDate >= today && s.DueDate <= weekAhead, ct);
        }

        int? waiting = approve ? await approvals.WaitingForTeamManagerCountAsync(ct) : null;
        var unread = db.Notifications.AsNoTracking().Where(n => n.RecipientId == me && n.ReadAt == null);
        var unreadCount = await unread.CountAsync(ct);
        var newest = await unread.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Take(NewNotificationsShown).ToListAsync(ct);

        List<MyPerson> people = [];
        if (viewPeople)
        {
            var rows = await db.People.AsNoTracking().Where(p => p.KeyWorkerId == me)
                .OrderBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName)
                .Select(p => new { p.Id, p.PreferredName, p.LegalFirstName, p.LegalLastName, p.DateOfBirth, p.PersonIdentifier, p.NhsNumber })
                .Take(PeopleShown)
                .ToListAsync(ct);
            people = rows.Select(r => new MyPerson(r.Id,
                $"{(string.IsNullOrWhiteSpace(r.PreferredName) ? r.LegalFirstName : r.PreferredName)} {r.LegalLastName}",
                PersonIdentity.Line(r.DateOfBirth, r.PersonIdentifier, r.NhsNumber))).ToList();
            if (people.Count > 0)
            {
                // Every list that shows people is audited.
                await audit.RecordAsync(AuditAction.Viewed, WorkService.ListRecordType, null,
                    summary: $"Viewed the home page: {people.Count} people the user is key worker for", cancellationToken: ct);
            }
        }

        return new Home(open, overdue, dueThisWeek, waiting, unreadCount, newest, people, teams);
    }
}
