using System.Reflection;

namespace ContrastiveRec.PowerShell;

/// <summary>
/// Names the core member a parameter's default is, so the default lives in one place: the core. The parameter is left
/// unset (nullable, or initialised from that same member) and the cmdlet takes the core's value when the user gives none;
/// build/HelpGenerator.ps1 states <see cref="Value"/> as the help's default, and a Pester test holds every cmdlet's help
/// default to what it uses. <see cref="Member"/> is a constant or static member of <see cref="Owner"/>, or an instance
/// property of a new <see cref="Owner"/> (an options record's default, such as TsneOptions.Iterations).
/// Training parameters, whose defaults differ by objective, use <see cref="TrainingDefaultAttribute"/> instead.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CoreDefaultAttribute(Type owner, string member) : Attribute
{
    public Type Owner { get; } = owner;
    public string Member { get; } = member;

    /// <summary>The core's default.</summary>
    /// <exception cref="InvalidOperationException">The owner has no such member, or an instance member but no parameterless constructor.</exception>
    public object? Value => Read(Owner, Member);

    private static object? Read(Type owner, string name)
    {
        const BindingFlags Public = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance;
        var member = (MemberInfo?)owner.GetField(name, Public) ?? owner.GetProperty(name, Public)
            ?? throw new InvalidOperationException($"[CoreDefault]: {owner.FullName} has no public field or property {name}.");
        var isStatic = member is FieldInfo f ? f.IsStatic : ((PropertyInfo)member).GetMethod!.IsStatic;
        object? instance = null;
        if (!isStatic)
        {
            if (owner.GetConstructor(Type.EmptyTypes) is null)
                throw new InvalidOperationException($"[CoreDefault]: {owner.FullName}.{name} is an instance member, and {owner.Name} has no parameterless constructor to read its default from.");
            instance = Activator.CreateInstance(owner);
        }
        return member is FieldInfo field ? field.GetValue(instance) : ((PropertyInfo)member).GetValue(instance);
    }
}
