using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PersonalBudgets.Web.Infrastructure.Observability;

/// <summary>
/// OpenTelemetry traces and metrics for the people who run the service: every request (with its page or endpoint
/// route), the PostgreSQL commands it sends, the background jobs, and the .NET runtime. Off unless switched on, so a
/// service with nowhere to send them pays nothing: set <c>Telemetry:OtlpEndpoint</c> (or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) to export to an OpenTelemetry collector over OTLP, or <c>Telemetry:Enabled</c>
/// to collect without exporting (for a test or an exporter added elsewhere). No personal data: routes are templates
/// (never a person's id), and database spans carry the statement without parameter values.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "personal-budgets";

    /// <summary>Our own spans (background jobs).</summary>
    public static readonly ActivitySource Source = new("PersonalBudgets");

    /// <summary>Our own metrics.</summary>
    public static readonly Meter Meter = new("PersonalBudgets");

    /// <summary>Escalation runs, by outcome ("completed" or "failed").</summary>
    public static readonly Counter<long> EscalationRuns = Meter.CreateCounter<long>("personal_budgets.escalation.runs", description: "Escalation runs of overdue work");

    /// <summary>Overdue steps escalated.</summary>
    public static readonly Counter<long> StepsEscalated = Meter.CreateCounter<long>("personal_budgets.escalation.steps", description: "Overdue pathway steps escalated");

    /// <summary>How long each section of the implementation dashboard took to compute (tag: section), in milliseconds.</summary>
    public static readonly Histogram<double> DashboardSectionDuration = Meter.CreateHistogram<double>("personal_budgets.dashboard.section.duration", "ms", "Time to compute one section of the implementation dashboard");

    public static bool IsEnabled(IConfiguration config) =>
        config.GetValue("Telemetry:Enabled", false) || !string.IsNullOrWhiteSpace(OtlpEndpoint(config));

    private static string? OtlpEndpoint(IConfiguration config) =>
        config["Telemetry:OtlpEndpoint"] is { Length: > 0 } endpoint ? endpoint : config["OTEL_EXPORTER_OTLP_ENDPOINT"];

    public static void AddPersonalBudgetsTelemetry(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (!IsEnabled(config))
        {
            return;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/assets");
                    // The path can name a person's record; the route template cannot.
                    o.EnrichWithHttpRequest = (activity, request) => activity.SetTag("url.path", null);
                })
                .AddNpgsql()
                .AddSource(Source.Name))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Meter.Name, "Npgsql"));

        if (config["Telemetry:OtlpEndpoint"] is { Length: > 0 } endpoint)
        {
            var protocol = string.Equals(config["Telemetry:OtlpProtocol"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf
                : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
            otel.UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else if (!string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // The standard OTEL_EXPORTER_OTLP_* variables say where and how.
            otel.UseOtlpExporter();
        }
    }
}
