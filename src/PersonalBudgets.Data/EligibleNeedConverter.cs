using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PersonalBudgets.Core.Assessments;

namespace PersonalBudgets.Data;

/// <summary>Stores an eligible need by its code (ADR 21).</summary>
public sealed class EligibleNeedConverter() : ValueConverter<EligibleNeed, string>(n => n.Code, code => EligibleNeed.FromCode(code));
