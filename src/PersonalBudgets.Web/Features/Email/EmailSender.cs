using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Email;

/// <summary>One way out for every email the service sends (ADR 0029). Never log what an email says: it may hold a code.</summary>
public interface IEmailSender
{
    /// <summary>Queues or sends the email. The outbox joins the caller's unit of work (saved with its change).</summary>
    Task SendAsync(string to, string subject, string body, CancellationToken ct = default);
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>"Outbox" (kept in the database for staff to read; the default in Development and Testing) or "Smtp".</summary>
    public string Sender { get; set; } = "";

    public string From { get; set; } = "no-reply@personal-budgets.example";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    public bool UsesOutbox => string.Equals(Sender, "Outbox", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Development: emails go into the outbox table, saved with the change that sent them, and are read on a page.</summary>
public sealed class OutboxEmailSender(PersonalBudgetsDbContext db, TimeProvider clock) : IEmailSender
{
    public Task SendAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        db.OutgoingEmails.Add(new OutgoingEmail { Id = Guid.NewGuid(), To = to, Subject = subject, Body = body, CreatedAt = clock.GetUtcNow() });
        return Task.CompletedTask;
    }
}

/// <summary>Production: sends by SMTP with MailKit (STARTTLS), straight away.</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        using var client = new SmtpClient();
        await client.ConnectAsync(o.SmtpHost ?? throw new InvalidOperationException("Email:SmtpHost is not set."), o.SmtpPort, SecureSocketOptions.StartTlsWhenAvailable, ct);
        if (!string.IsNullOrEmpty(o.SmtpUser))
        {
            await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

public static class EmailFeature
{
    public static void AddEmail(this IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        services.AddOptions<EmailOptions>().Bind(config.GetSection(EmailOptions.Section)).PostConfigure(o =>
        {
            if (string.IsNullOrEmpty(o.Sender))
            {
                o.Sender = env.IsDevelopment() || env.IsEnvironment("Testing") ? "Outbox" : "Smtp";
            }
        });
        services.AddScoped<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesOutbox
            ? ActivatorUtilities.CreateInstance<OutboxEmailSender>(sp)
            : ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp));
    }
}
