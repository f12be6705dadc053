using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Returns;

namespace PersonalBudgets.Core.Tests.Returns;

/// <summary>
/// The value lists and the column order the return writes, against the reference (docs/reference/cld-spec.md), parsed
/// here: a value the reference does not list, or a list that lost a value, fails.
/// </summary>
public sealed class CldSpecTests
{
    private static readonly string[] Spec = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Returns", "cld-spec.md"));

    /// <summary>The lines of the first code block after the line starting with <paramref name="marker"/> in the section.</summary>
    private static List<string> CodeBlock(string section, string marker)
    {
        var start = Array.FindIndex(Spec, l => l.StartsWith(section, StringComparison.Ordinal));
        start.ShouldBeGreaterThanOrEqualTo(0, $"no section {section}");
        var at = Array.FindIndex(Spec, start, l => l.StartsWith(marker, StringComparison.Ordinal));
        at.ShouldBeGreaterThan(start, $"no {marker} in {section}");
        var open = Array.FindIndex(Spec, at, l => l.StartsWith("```", StringComparison.Ordinal));
        var close = Array.FindIndex(Spec, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        return Spec[(open + 1)..close].Select(l => l.Split("  ", StringSplitOptions.None)[0].Split(" -> ")[0].Trim()).Where(l => l.Length > 0).ToList();
    }

    /// <summary>The R2 column of a two-column "| R1 | R2 |" table in the section, without backticks.</summary>
    private static List<string> R2Column(string section)
    {
        var start = Array.FindIndex(Spec, l => l.StartsWith(section, StringComparison.Ordinal));
        return Spec.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith("### ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[2].Trim('`'))
            .ToList();
    }

    private static List<string> Labels<T>() where T : struct, Enum => EnumLabels.All<T>().Select(x => x.Label).ToList();

    [Fact]
    public void Ethnicity_IsTheRelease2List() => Labels<Ethnicity>().ShouldBe(CodeBlock("### 2.2 Ethnicity", "**R2"), ignoreOrder: true);

    [Fact]
    public void AccommodationStatus_IsTheRelease2List() =>
        Labels<AccommodationStatus>().ShouldBe(CodeBlock("### 2.5 Accommodation_Status", "**R2"), ignoreOrder: true);

    [Fact]
    public void EmploymentStatus_IsTheRelease2List() =>
        Labels<EmploymentStatus>().ShouldBe(CodeBlock("### 2.6 Employment_Status", "**R2"), ignoreOrder: true);

    [Fact]
    public void Gender_IsTheList() => Labels<Gender>().ShouldBe(["Male", "Female", "Other", "Unknown"]);

    [Fact]
    public void ClientType_IsTheRelease2List() => CldSpec.ClientType.All.ShouldBe(R2Column("### 2.3 Client_Type"));

    [Fact]
    public void DeliveryMechanism_IsTheRelease2List() => CldSpec.DeliveryMechanism.All.ShouldBe(R2Column("### 2.19 Delivery_Mechanism"));

    [Fact]
    public void EventOutcome_IsTheRelease2List() => CldSpec.EventOutcome.All.ShouldBe(CodeBlock("### 2.11 Event_Outcome", "**R2"));

    [Fact]
    public void ServiceType_IsTheRelease2List() => CldSpec.ServiceType.All.ShouldBe(CodeBlock("### 2.17 Service_Type", "**R2"));

    [Fact]
    public void ServiceComponent_IsTheRelease2List() => CldSpec.ServiceComponent.All.ShouldBe(CodeBlock("### 2.18 Service_Component", "* Full list"));

    [Fact]
    public void PrimarySupportReason_HasTheOneConfirmedRelease2Value() =>
        Labels<PrimarySupportReason>().ShouldContain("Social support: Support to unpaid carer");

    [Fact]
    public void Headers_AreTheFieldTableInOrder()
    {
        var start = Array.FindIndex(Spec, l => l.StartsWith("### 1.3 Field table", StringComparison.Ordinal));
        var headers = Spec.Skip(start)
            .SkipWhile(l => !l.StartsWith("| 0 ", StringComparison.Ordinal))
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[2])
            .ToList();
        headers.Count.ShouldBe(50);
        headers[0].ShouldContain("LA Code"); // the one header no public source shows
        CldSpec.Headers.Skip(1).ShouldBe(headers.Skip(1).Select(h => h.Trim('`')));
        CldSpec.Headers.Count.ShouldBe(50);
    }

    [Fact]
    public void EveryValueTheMappingCanWrite_IsInItsList()
    {
        foreach (var category in Enum.GetValues<Core.SupportPlans.ServiceCategory>())
        {
            foreach (var deployment in Enum.GetValues<Core.SupportPlans.Deployment>())
            {
                foreach (var carer in new[] { true, false })
                {
                    CldSpec.ServiceComponent.All.ShouldContain(CldMapping.ServiceComponent(carer, category, deployment));
                    CldSpec.ServiceType.All.ShouldContain(CldMapping.ServiceType(carer, category));
                }

                CldSpec.DeliveryMechanism.All.ShouldContain(CldMapping.DeliveryMechanism(deployment));
            }
        }

        foreach (var reason in Enum.GetValues<Core.Pathways.PathwayEndReason>())
        {
            CldSpec.EventOutcome.All.ShouldContain(CldMapping.EndOutcome(reason));
        }

        foreach (var decision in Enum.GetValues<Core.Reviews.ReviewDecision>())
        {
            CldSpec.EventOutcome.All.ShouldContain(CldMapping.ReviewOutcome(decision));
        }

        foreach (var unit in Enum.GetValues<Core.SupportPlans.UnitType>())
        {
            CldSpec.CostFrequency.All.ShouldContain(CldMapping.CostFrequency(unit));
        }
    }
}
