using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Monitoring;

/// <summary>A statement file imported for an account: its hash is unique per account, so the same file twice is refused as already imported.</summary>
public sealed class StatementImport
{
    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string FileHash { get; private set; } = "";
    public string? FileName { get; private set; }
    public int RowCount { get; private set; }
    public int NewRowCount { get; private set; }
    public DateTimeOffset ImportedAt { get; private set; }
    public string ImportedByName { get; private set; } = "";

    private StatementImport()
    {
    }

    public static StatementImport Create(Guid accountId, string fileHash, string? fileName, int rows, int newRows, Actor actor, DateTimeOffset now) =>
        new()
        {
            Id = Guid.NewGuid(), AccountId = accountId, FileHash = fileHash, FileName = fileName is { Length: > 200 } ? fileName[..200] : fileName,
            RowCount = rows, NewRowCount = newRows, ImportedAt = now, ImportedByName = actor.DisplayName,
        };
}

/// <summary>A transaction on the account's statement. Its key is unique per account: a line already imported is never added again.</summary>
public sealed class StatementLine
{
    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid ImportId { get; private set; }
    public string LineKey { get; private set; } = "";

    /// <summary>The order of the line in its file, to tell lines of the same day apart (the last one's balance is the closing one).</summary>
    public int Sequence { get; private set; }
    public DateOnly Date { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Amount { get; private set; }
    public decimal Balance { get; private set; }
    public string? MerchantCategory { get; private set; }

    private StatementLine()
    {
    }

    public static StatementLine From(Guid accountId, Guid importId, StatementRow row) => new()
    {
        Id = Guid.NewGuid(), AccountId = accountId, ImportId = importId, LineKey = row.LineKey, Sequence = row.RowNumber, Date = row.Date,
        Description = row.Description, Amount = row.Amount, Balance = row.Balance, MerchantCategory = row.MerchantCategory,
    };
}
