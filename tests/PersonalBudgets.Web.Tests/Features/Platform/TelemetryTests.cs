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
        await using var plain = await SeededDatabases.NewFactoryAsync(provider);
        await using var factory = plain.WithWebHostBuilder(b =>
        {
            b.UseSetting("Telemetry:Enabled", "true");
            b.ConfigureServices(s => s
                .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))
                .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics)));
        });
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        // Activity sources are process-wide, so the exporter also sees other tests' apps: this test's requests carry a
        // trace of their own (as a caller's traceparent would), and only that trace is read.
        var traceId = ActivityTraceId.CreateRandom();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var browser = new Browser(client);
        await browser.SignInAsync(DemoAccounts.NorthNurse);
        var person = (await browser.GetAsync("/People")).Document.QuerySelectorAll("main a[href^='/People/']").Select(a => a.GetAttribute("href")!)
            .First(href => Guid.TryParse(href["/People/".Length..], out _));

        (await browser.GetAsync(person)).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        // The server's span ends after the client has its answer: wait (briefly) for it to be exported.
        Activity[] exported = [];
        for (var attempt = 0; attempt < 100; attempt++)
        {
            factory.Services.GetRequiredService<TracerProvider>().ForceFlush().ShouldBeTrue();
            // The app's background work keeps exporting while the test reads: read a copy.
            exported = spans.ToArray().Where(a => a is not null && a.TraceId == traceId).ToArray();
            if (exported.Any(a => a.Kind == ActivityKind.Server && (string?)a.GetTagItem("http.route") == "People/{id:guid}"))
            {
                break;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        factory.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();
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
        await using var factory = await SeededDatabases.NewFactoryAsync(DatabaseProvider.Sqlite);
        factory.StartServer();

        factory.Services.GetService<TracerProvider>().ShouldBeNull();
        factory.Services.GetService<MeterProvider>().ShouldBeNull();
    }
}
