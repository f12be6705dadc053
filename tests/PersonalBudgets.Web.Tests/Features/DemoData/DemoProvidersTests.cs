using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.DemoData;

/// <summary>Issue 15's demo data (README "Try"): providers with rates, an ISF and a commissioned service, an invoice that differs, a surplus flag.</summary>
public sealed class DemoProvidersTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task DemoData_HasProvidersAnInvoiceThatDiffers_AndASurplusFlag(DatabaseProvider provider)
    {
        var person = DemoPathwaySeeder.PersonId(DemoPathwaySeeder.ProviderPeople[0]);
        var services = await app.QueryAsync(provider, db => db.CommissionedServices.AsNoTracking().Where(s => s.PersonId == person).ToListAsync());
        services.Select(s => s.Deployment.ToString()).Order().ShouldBe(["CouncilCommissioned", "IndividualServiceFund"]);
        var invoice = await app.QueryAsync(provider, db => db.Invoices.AsNoTracking().SingleAsync(i => i.InvoiceNumber == "NHC-2041"));
        InvoiceMatching.Match(invoice.ProviderId, invoice.PeriodStart, invoice.PeriodEnd, invoice.Lines, services).HasDifferences.ShouldBeTrue();
        var account = DemoPathwaySeeder.PersonId(DemoPathwaySeeder.ProviderPeople[1]);
        (await app.QueryAsync(provider, db => db.MonitoringFlags.AsNoTracking().Where(f => f.PersonId == account).Select(f => f.Kind).ToListAsync())).ShouldContain(FlagKind.Surplus);
    }
}
