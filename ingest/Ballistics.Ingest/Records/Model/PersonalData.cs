namespace Ballistics.Ingest.Records;

/// <summary>
/// Marks a type or member as personal data (a possessor's or purchaser's identity). Access rules strip
/// whatever carries it before a record leaves for a reader without the right to see it, so personal
/// data never sits in a plain firearm field.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Property, Inherited = true)]
public sealed class PersonalDataAttribute : Attribute;

/// <summary>A person named in a record: the possessor of a recovered firearm or its first retail purchaser.</summary>
[PersonalData]
public sealed record PersonRecord(string? Name, DateOnly? DateOfBirth, string? Address, string? Identification);
