using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// OpenTelemetry for operators: switched on by a setting, every request is a span named by its route template (never
/// the path, which can carry a person's id), PostgreSQL commands are spans beneath it, and request durations are a
/// histogram by route. Switched off, nothing is collected.
/// </summary>
public sealed class TelemetryTests
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task WhenSwitchedOn_RequestsAreSpansByRoute_DatabaseCommandsAreTraced_AndDurationsMeasured(DatabaseProvider provider)
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var plain = await AppFixture.NewFactoryAsync(provider);
        await using var factory = plain.WithWebHostBuilder(b =>
        {
            b.UseSetting("Telemetry:Enabled", "true");
            b.ConfigureServices(s => s
                .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))
                .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics)));
        });
        using var browser = new Browser(factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));
        await browser.SignInAsync(DemoAccounts.NorthNurse);
        var person = (await browser.GetAsync("/People")).Document.QuerySelectorAll("main a[href^='/People/']").Select(a => a.GetAttribute("href")!)
            .First(href => Guid.TryParse(href["/People/".Length..], out _));

        (await browser.GetAsync(person)).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush().ShouldBeTrue();
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();
        // The app's background work (the escalation job, key storage) keeps exporting while the test reads: read a copy.
        var exported = spans.ToArray();
        var measured = metrics.ToArray();

        var personId = person.Split('/')[^1];
        var routes = exported.Where(a => a.Kind == ActivityKind.Server).Select(a => $"{a.DisplayName} [{a.GetTagItem("http.route")}]").ToList();
        var record = exported.Where(a => a.Kind == ActivityKind.Server && (string?)a.GetTagItem("http.route") == "People/{id:guid}").ShouldHaveSingleItem(string.Join("; ", routes));
        record.DisplayName.ShouldNotContain(personId);
        exported.SelectMany(a => a.Tags).ShouldNotContain(t => t.Value != null && t.Value.Contains(personId, StringComparison.OrdinalIgnoreCase));
        if (provider == DatabaseProvider.PostgreSQL)
        {
            exported.ShouldContain(a => a.Source.Name == "Npgsql" && a.TraceId == record.TraceId);
        }

        measured.ShouldContain(m => m.Name == "http.server.request.duration");
    }

    [Fact]
    public async Task WhenNotSwitchedOn_NothingIsCollected()
    {
        await using var factory = await AppFixture.NewFactoryAsync(DatabaseProvider.Sqlite);
        factory.StartServer();

        factory.Services.GetService<TracerProvider>().ShouldBeNull();
        factory.Services.GetService<MeterProvider>().ShouldBeNull();
    }
}
