using System.Text;
using PersonalBudgets.Core.Common;
using V = PersonalBudgets.Core.Returns.CldSpec;

namespace PersonalBudgets.Core.Returns;

/// <summary>
/// Builds the CLD quarterly return for a period from the facts (cld-spec §3): requests, assessments and reviews
/// completed in the rolling twelve months, and every service open at any time in them, one row per event with the
/// person's fields. The order is fixed (person identifier, event type, start, reference) so the same data always gives
/// the same file.
/// </summary>
public static class CldReturn
{
    private static readonly string[] EventOrder = [V.EventType.Request, V.EventType.Assessment, V.EventType.Service, V.EventType.Review];

    public static IReadOnlyList<CldRow> Build(CldSourceData source, ReturnPeriod period, string laCode)
    {
        var people = source.People.ToDictionary(p => p.Id);
        var rows = new List<CldRow>();

        // A budget the NHS pays for in full is not council-funded social care: its services are not CLD services, and
        // the assessment that led to it ends in a referral to NHS-funded care (ADR 0028).
        var services = source.Services
            .Where(s => people.ContainsKey(s.PersonId) && period.Overlaps(s.Start, s.End))
            .ToList();
        var whollyNhs = services.Where(IsWhollyNhsFunded).Select(s => s.PersonId).ToHashSet();
        var councilServices = services.Where(s => !IsWhollyNhsFunded(s)).ToList();

        // The funding status of the person: from the latest of their services in the period.
        var funding = councilServices
            .GroupBy(s => s.PersonId)
            .ToDictionary(g => g.Key, g =>
            {
                var latest = g.OrderByDescending(s => s.Start).ThenBy(s => s.ElementId).First();
                return CldMapping.FundingStatus(latest.Section117, latest.ContributionWeekly);
            });

        CldRow Row(CldPersonFacts p, string eventType, Guid sourceId, DateOnly start, DateOnly? end, string? description)
        {
            var carer = p.CaresForPersonId is { } caredFor ? people.GetValueOrDefault(caredFor) : null;
            return new CldRow
            {
                PersonId = p.Id,
                SourceId = sourceId,
                LaCode = laCode,
                PeriodStart = period.Start,
                PeriodEnd = period.End,
                NhsNumber = p.NhsNumber,
                LaPersonId = p.PersonIdentifier,
                FirstName = p.LegalFirstName,
                LastName = p.LegalLastName,
                GpPracticeCode = p.GpPracticeCode,
                Gender = CldMapping.Gender(p.Gender),
                Ethnicity = CldMapping.Ethnicity(p.Ethnicity),
                DateOfBirth = p.DateOfBirth,
                DateOfDeath = p.DateOfDeath,
                ClientType = CldMapping.ClientType(p.CaresForPersonId),
                PrimarySupportReason = CldMapping.PrimarySupportReason(p.PrimarySupportReason, p.CaresForPersonId is not null),
                Postcode = p.Postcode,
                AccommodationStatus = CldMapping.Accommodation(p.AccommodationStatus),
                EmploymentStatus = CldMapping.Employment(p.EmploymentStatus),
                HasUnpaidCarer = CldMapping.HasUnpaidCarer(p.HasCarerRecord, p.HasUnpaidCarerAnswer),
                ClientFundingStatus = funding.GetValueOrDefault(p.Id),
                EventType = eventType,
                EventReference = sourceId.ToString("D"),
                EventStartDate = start,
                EventEndDate = end,
                EventDescription = description,
                AdultsCaredFor = p.CaresForPersonId is null ? null : 1,
                Adult1LinkedPersonId = carer?.PersonIdentifier,
            };
        }

        foreach (var r in source.Requests)
        {
            if (r.LeftReferralOn is { } left && period.Contains(left) && people.TryGetValue(r.PersonId, out var p))
            {
                rows.Add(Row(p, V.EventType.Request, r.EpisodeId, r.ReferralDate, left, "Referral") with
                {
                    EventOutcome = CldMapping.RequestOutcome(r.MovedOn, r.EndReason),
                });
            }
        }

        foreach (var a in source.Assessments)
        {
            if (period.Contains(a.Completed) && people.TryGetValue(a.PersonId, out var p))
            {
                rows.Add(Row(p, V.EventType.Assessment, a.Id, a.Started, a.Completed, a.Kind.Label()) with
                {
                    EventOutcome = CldMapping.AssessmentOutcome(a.Eligible, whollyNhs.Contains(a.PersonId)),
                    AssessmentType = CldMapping.AssessmentType(a.Kind),
                    EligibleNeedsIdentified = CldMapping.EligibleNeedsIdentified(a.Eligible),
                    MethodOfAssessment = CldMapping.MethodOfAssessment(a.Type),
                });
            }
        }

        foreach (var s in councilServices)
        {
            var p = people[s.PersonId];
            var end = s.End;
            var died = false;
            if (p.DateOfDeath is { } death && death >= s.Start && (end is null || end > death))
            {
                // An open service ends on the person's death (the date of death closes the event: §3.2).
                end = death;
                died = true;
            }

            var endedInPeriod = end is { } e && e <= period.End;
            var isCarer = p.CaresForPersonId is not null;
            rows.Add(Row(p, V.EventType.Service, s.ElementId, s.Start, endedInPeriod ? end : null, s.Category.Label()) with
            {
                EventOutcome = CldMapping.ServiceOutcome(endedInPeriod, s.ReplacedByRevision, died && endedInPeriod),
                ServiceType = CldMapping.ServiceType(isCarer, s.Category),
                ServiceComponent = CldMapping.ServiceComponent(isCarer, s.Category, s.Deployment),
                DeliveryMechanism = CldMapping.DeliveryMechanism(s.Deployment),
                UnitCost = s.UnitCost,
                CostFrequency = CldMapping.CostFrequency(s.UnitType),
                PlannedUnitsPerWeek = s.UnitsPerWeek,
            });
        }

        foreach (var r in source.Reviews)
        {
            if (period.Contains(r.Completed) && people.TryGetValue(r.PersonId, out var p))
            {
                rows.Add(Row(p, V.EventType.Review, r.Id, r.Started, r.Completed, r.Reason.Label()) with
                {
                    EventOutcome = CldMapping.ReviewOutcome(r.Decision),
                    ReviewReason = CldMapping.ReviewReason(r.Reason),
                    ReviewOutcomesAchieved = CldMapping.ReviewOutcomesAchieved(r.OutcomesAchieved),
                    MethodOfReview = CldMapping.MethodOfReview(r.Participation),
                });
            }
        }

        return rows
            .OrderBy(r => r.LaPersonId, StringComparer.Ordinal)
            .ThenBy(r => Array.IndexOf(EventOrder, r.EventType))
            .ThenBy(r => r.EventStartDate)
            .ThenBy(r => r.EventReference, StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsWhollyNhsFunded(CldServiceFacts s) => s.BudgetWeeklyCost > 0 && s.NhsShareWeekly >= s.BudgetWeeklyCost;
}

/// <summary>
/// Writes the return as CSV: UTF-8 without a byte-order mark, a header row, comma-separated, CRLF line endings (RFC
/// 4180), a field quoted only when it holds a comma, quote or line break. The same rows always give the same bytes.
/// </summary>
public static class CldCsv
{
    public static byte[] Write(IReadOnlyList<CldRow> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, CldSpec.Headers);
        foreach (var row in rows)
        {
            AppendLine(text, row.Values());
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }

    /// <summary>Reads a file written by <see cref="Write"/> back into rows of fields (for tests and checks).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Read(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var rows = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add(fields);
                fields = [];
                i++;
            }
            else { field.Append(c); }
        }

        return rows;
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var v = values[i];
            if (v.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(v.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(v);
            }
        }

        text.Append("\r\n");
    }
}
