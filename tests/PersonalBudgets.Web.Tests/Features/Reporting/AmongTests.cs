using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.People;
using PersonalBudgets.Web.Features.Dashboard;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reporting;

/// <summary>
/// <see cref="Among"/> on both databases: the same "person among these people" counted through IN and through EXISTS
/// gives the same answer, and the SQL takes the form asked for.
/// </summary>
public sealed class AmongTests(AppFixture app) : IClassFixture<AppFixture>
{
    private sealed class Counts
    {
        public long All { get; init; }
        public long Chosen { get; init; }
        public long Nobody { get; init; }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task BothForms_CountTheSamePeople(DatabaseProvider provider)
    {
        var a = await app.NewNorthPersonAsync(provider);
        var b = await app.NewNorthPersonAsync(provider);
        var c = await app.NewNorthPersonAsync(provider);
        var three = new List<Guid> { a.Id, b.Id, c.Id };
        var two = new List<Guid> { a.Id, c.Id };

        foreach (var form in new[] { Among.Form.In, Among.Form.Exists })
        {
            var (counts, sql) = await app.QueryAsync(provider, async db =>
            {
                var chosen = db.People.Where(p => two.Contains(p.Id)).Select(p => p.Id);
                var nobody = db.People.Where(p => p.Id == Guid.Empty).Select(p => p.Id);
                Expression<Func<IGrouping<int, Person>, Counts>> template = g => new Counts
                {
                    All = g.LongCount(),
                    Chosen = g.LongCount(p => Among.Has(chosen, p.Id)),
                    Nobody = g.LongCount(p => Among.Has(nobody, p.Id)),
                };
                var query = db.People.Where(p => three.Contains(p.Id)).GroupBy(_ => 1).Select(Among.Rewrite(template, form));
                return (await query.SingleAsync(TestContext.Current.CancellationToken), query.ToQueryString());
            });

            counts.All.ShouldBe(3, form.ToString());
            counts.Chosen.ShouldBe(2, form.ToString());
            counts.Nobody.ShouldBe(0, form.ToString());
            if (form == Among.Form.Exists)
            {
                sql.ShouldContain("EXISTS");
            }
            else
            {
                sql.ShouldNotContain("EXISTS");
            }
        }
    }
}
