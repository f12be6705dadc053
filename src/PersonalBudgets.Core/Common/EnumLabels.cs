using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace PersonalBudgets.Core.Common;

/// <summary>Plain-English labels for enum values, taken from their [Display(Name = …)] attribute.</summary>
public static class EnumLabels
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    public static string Label(this Enum value) => Cache.GetOrAdd(value, static v =>
    {
        var member = v.GetType().GetField(v.ToString());
        return member?.GetCustomAttribute<DisplayAttribute>()?.Name ?? v.ToString();
    });

    public static IReadOnlyList<(T Value, string Label)> All<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (v, ((Enum)v).Label())).ToList();
}
