using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Web.Infrastructure.Input;

/// <summary>
/// Checks what an API request bound, before the handler sees it, so that no field has to check it for itself: text
/// without control characters (<see cref="TextHygiene"/>), enum values that are defined (JSON and query strings accept
/// any number), and lists without null items where the type says an item is never null. Each problem names its field
/// by its JSON path ("outcomes[0].reasons[1]").
/// </summary>
public static class RequestInputChecks
{
    private const int MaxDepth = 16;
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(PropertyInfo Property, string Name, bool ItemsMayBeNull)>> Properties = new();

    public static IReadOnlyList<FieldError> Check(object? value, string path)
    {
        var errors = new List<FieldError>();
        Visit(value, path, itemsMayBeNull: true, errors, 0);
        return errors;
    }

    /// <summary>True for an enum value that is a defined member, or for a [Flags] enum a combination of defined flags.</summary>
    public static bool IsDefinedEnum(Enum value)
    {
        var type = value.GetType();
        if (Enum.IsDefined(type, value))
        {
            return true;
        }

        if (!type.IsDefined(typeof(FlagsAttribute), false))
        {
            return false;
        }

        var bits = Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        var all = Enum.GetValues(type).Cast<Enum>().Aggregate(0UL, (acc, v) => acc | Convert.ToUInt64(v, System.Globalization.CultureInfo.InvariantCulture));
        return (bits & ~all) == 0;
    }

    private static void Visit(object? value, string path, bool itemsMayBeNull, List<FieldError> errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (TextHygiene.HasControlCharacters(text))
                {
                    errors.Add(new(path, TextHygiene.Message(Label(path))));
                }

                return;
            case Enum e:
                if (!IsDefinedEnum(e))
                {
                    errors.Add(new(path, $"{Label(path)} must be one of the values the API description lists"));
                }

                return;
        }

        var type = value.GetType();
        if (depth >= MaxDepth || type.IsPrimitive || type.IsValueType && !IsOurs(type))
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                var key = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                Visit(entry.Key, path, true, errors, depth + 1);
                Visit(entry.Value, $"{path}.{key}", true, errors, depth + 1);
            }

            return;
        }

        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                var itemPath = $"{path}[{index}]";
                if (item is null && !itemsMayBeNull)
                {
                    errors.Add(new(itemPath, $"{Label(itemPath)} must not be null"));
                }

                Visit(item, itemPath, true, errors, depth + 1);
                index++;
            }

            return;
        }

        if (!IsOurs(type))
        {
            return;
        }

        foreach (var (property, name, mayBeNull) in PropertiesOf(type))
        {
            Visit(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", mayBeNull, errors, depth + 1);
        }
    }

    private static bool IsOurs(Type type) => type.Namespace?.StartsWith("PersonalBudgets.", StringComparison.Ordinal) == true;

    private static string Label(string path) => path.Length == 0 ? "The value" : path;

    private static IReadOnlyList<(PropertyInfo, string, bool)> PropertiesOf(Type type) => Properties.GetOrAdd(type, t =>
    {
        var nullability = new NullabilityInfoContext();
        return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p =>
            {
                var info = nullability.Create(p);
                var itemsMayBeNull = info.ElementType?.ReadState != NullabilityState.NotNull
                    && info.GenericTypeArguments.All(a => a.ReadState != NullabilityState.NotNull);
                return (p, char.ToLowerInvariant(p.Name[0]) + p.Name[1..], itemsMayBeNull);
            })
            .ToList();
    });
}

/// <summary>Runs <see cref="RequestInputChecks"/> on every bound argument of an API endpoint; a problem is a 400 naming the field.</summary>
public static class RequestInputEndpointFilter
{
    public static TBuilder CheckRequestInput<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var isService = factory.ApplicationServices.GetService<Microsoft.Extensions.DependencyInjection.IServiceProviderIsService>();
            var parameters = factory.MethodInfo.GetParameters()
                .Select(p => (p.Name ?? "", Checked: !(isService?.IsService(p.ParameterType) ?? false) && p.ParameterType != typeof(CancellationToken)
                    && p.ParameterType != typeof(HttpContext), Body: IsOurs(p.ParameterType)))
                .ToArray();
            return context =>
            {
                var errors = new List<FieldError>();
                for (var i = 0; i < parameters.Length && i < context.Arguments.Count; i++)
                {
                    var (name, check, body) = parameters[i];
                    if (check)
                    {
                        errors.AddRange(RequestInputChecks.Check(context.Arguments[i], body ? "" : name));
                    }
                }

                if (errors.Count > 0)
                {
                    throw new ValidationFailedException(errors);
                }

                return next(context);
            };
        });

    private static bool IsOurs(Type type) => type.Namespace?.StartsWith("PersonalBudgets.", StringComparison.Ordinal) == true && !type.IsEnum;
}
