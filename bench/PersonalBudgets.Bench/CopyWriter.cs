using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace PersonalBudgets.Bench;

/// <summary>
/// Writes the generated rows with PostgreSQL binary COPY, driven by the EF Core model: the table, the columns, their store
/// types and value converters all come from the model, so nothing is listed by hand and a model change is followed.
/// Owned collections are written to their own tables with the owner's key in their shadow foreign key columns.
/// </summary>
public sealed class CopyWriter
{
    private readonly List<TablePlan> plans;

    public CopyWriter(IModel model, DataSet data, IdMap ids)
    {
        ArgumentNullException.ThrowIfNull(model);
        Data = data;
        Ids = ids;
        plans = [];
        foreach (var entity in model.GetEntityTypes().Where(e => !e.IsOwned()).OrderBy(e => e.GetTableName(), StringComparer.Ordinal))
        {
            if (entity.GetTableName() is null)
            {
                continue;
            }

            plans.Add(Plan(entity, owner: null));
            foreach (var navigation in entity.GetNavigations().Where(n => n.TargetEntityType.IsOwned()))
            {
                if (!navigation.IsCollection)
                {
                    throw new NotSupportedException($"{entity.DisplayName()}.{navigation.Name}: owned references are not written by the generator yet");
                }

                plans.Add(Plan(navigation.TargetEntityType, navigation));
            }
        }
    }

    public DataSet Data { get; }

    public IdMap Ids { get; }

    public IReadOnlyList<TablePlan> Tables => plans;

    /// <summary>Gives every primary key made by the domain its deterministic replacement, table by table, row by row.</summary>
    public void ClaimKeys()
    {
        foreach (var plan in plans)
        {
            foreach (var (row, _) in plan.Rows(Data))
            {
                foreach (var key in plan.KeyGetters)
                {
                    if (key(row) is Guid g)
                    {
                        Ids.Claim(g);
                    }
                }
            }
        }
    }

    public static TablePlan Plan(IEntityType entity, INavigation? owner)
    {
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = new List<ColumnPlan>();
        var keys = new List<Func<object, object?>>();
        foreach (var property in entity.GetProperties())
        {
            var clr = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            if (property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd && (clr == typeof(int) || clr == typeof(long)))
            {
                continue; // identity column: the database numbers the rows
            }

            var name = property.GetColumnName(store) ?? throw new InvalidOperationException($"{table}.{property.Name} has no column");
            var storeType = property.GetColumnType(store) ?? property.GetColumnType();
            var paren = storeType.IndexOf('(', StringComparison.Ordinal);
            var dataType = paren < 0 ? storeType : storeType[..paren].Trim();
            var converter = property.GetTypeMapping().Converter;
            Func<object, object?> get;
            if (property.IsShadowProperty())
            {
                if (owner is null)
                {
                    throw new NotSupportedException($"{table}.{property.Name}: shadow properties outside owned collections are not written by the generator");
                }

                var fk = entity.FindOwnership()!;
                var index = fk.Properties.ToList().IndexOf(property);
                if (index < 0)
                {
                    throw new NotSupportedException($"{table}.{property.Name}: a shadow property that is not the owner's key");
                }

                var principal = fk.PrincipalKey.Properties[index].GetGetter();
                get = pair => principal.GetClrValue(((OwnedRow)pair).Owner);
            }
            else
            {
                var getter = property.GetGetter();
                get = owner is null ? getter.GetClrValue : pair => getter.GetClrValue(((OwnedRow)pair).Item);
            }

            if (property.IsPrimaryKey() && !property.IsShadowProperty())
            {
                keys.Add(get);
            }

            columns.Add(new ColumnPlan(name, dataType, get, converter is null ? null : converter.ConvertToProvider));
        }

        return new TablePlan(table, entity, owner, columns, keys);
    }

    /// <summary>Writes one table with binary COPY; returns the number of rows.</summary>
    public long Write(NpgsqlConnection connection, TablePlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(plan);
        var columnList = string.Join(", ", plan.Columns.Select(c => "\"" + c.Name + "\""));
        using var importer = connection.BeginBinaryImport($"COPY \"{plan.Table}\" ({columnList}) FROM STDIN (FORMAT BINARY)");
        long count = 0;
        foreach (var (row, _) in plan.Rows(Data))
        {
            ct.ThrowIfCancellationRequested();
            importer.StartRow();
            foreach (var column in plan.Columns)
            {
                var value = column.Get(row);
                if (value is null)
                {
                    importer.WriteNull();
                    continue;
                }

                if (column.Convert is not null)
                {
                    value = column.Convert(value);
                }

                switch (value)
                {
                    case null:
                        importer.WriteNull();
                        break;
                    case Guid g:
                        importer.Write(Ids.Map(g), column.DataType);
                        break;
                    case DateTimeOffset d:
                        importer.Write(d.ToUniversalTime(), column.DataType);
                        break;
                    case string s:
                        importer.Write(s, column.DataType);
                        break;
                    case int i:
                        importer.Write(i, column.DataType);
                        break;
                    case long l:
                        importer.Write(l, column.DataType);
                        break;
                    case bool b:
                        importer.Write(b, column.DataType);
                        break;
                    case decimal m:
                        importer.Write(m, column.DataType);
                        break;
                    case DateOnly day:
                        importer.Write(day, column.DataType);
                        break;
                    default:
                        importer.Write(value, column.DataType);
                        break;
                }
            }

            count++;
        }

        importer.Complete();
        return count;
    }
}

public sealed record ColumnPlan(string Name, string DataType, Func<object, object?> Get, Func<object?, object?>? Convert);

/// <summary>A row of an owned collection: the item and the aggregate that owns it.</summary>
public sealed record OwnedRow(object Owner, object Item);

public sealed record TablePlan(string Table, IEntityType Entity, INavigation? Owner, IReadOnlyList<ColumnPlan> Columns, IReadOnlyList<Func<object, object?>> KeyGetters)
{
    public Type ClrType => Entity.ClrType;

    public IEnumerable<(object Row, object? Owner)> Rows(DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Owner is null)
        {
            foreach (var row in data.Of(ClrType))
            {
                yield return (row, null);
            }

            yield break;
        }

        var getter = Owner.GetGetter();
        foreach (var owner in data.Of(Owner.DeclaringEntityType.ClrType))
        {
            if (getter.GetClrValue(owner) is System.Collections.IEnumerable items)
            {
                foreach (var item in items)
                {
                    yield return (new OwnedRow(owner, item), owner);
                }
            }
        }
    }

    public long Count(DataSet data) => Rows(data).LongCount();
}

internal static class Stopwatches
{
    public static double Seconds(this Stopwatch watch) => watch.Elapsed.TotalSeconds;
}
