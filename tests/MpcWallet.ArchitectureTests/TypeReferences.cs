using System.Reflection;
using System.Reflection.Emit;

namespace MpcWallet.ArchitectureTests;

/// <summary>
/// The types a type uses: its base type, interfaces, the signatures of its fields, properties, methods and
/// constructors, and every type, field and method its IL names (compiler-generated nested types — lambdas, state
/// machines — count as their outer type's). Generic arguments and element types are followed.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The outermost declaring type: where a nested (or compiler-generated) type's code belongs.</summary>
    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    /// <summary>Every type <paramref name="type"/> and its nested types use, each with the member that uses it.</summary>
    public static IEnumerable<(Type Used, string Where)> Of(Type type)
    {
        foreach (var nested in type.GetNestedTypes(Everything))
        {
            foreach (var used in Of(nested))
            {
                yield return used;
            }
        }

        var direct = new List<(Type, string)>();
        if (type.BaseType is { } baseType)
        {
            direct.Add((baseType, "base type"));
        }

        // Only the interfaces it adds: a DbContext does not use IServiceProvider because EF Core's base class exposes one.
        direct.AddRange(type.GetInterfaces().Except(type.BaseType?.GetInterfaces() ?? []).Select(i => (i, "interface")));
        direct.AddRange(type.GetFields(Everything).Select(f => (f.FieldType, f.Name)));
        direct.AddRange(type.GetProperties(Everything).Select(p => (p.PropertyType, p.Name)));
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                direct.Add((info.ReturnType, method.Name));
            }

            direct.AddRange(method.GetParameters().Select(p => (p.ParameterType, method.Name)));
            direct.AddRange(InIl(method).Select(t => (t, method.Name)));
        }

        foreach (var (used, where) in direct)
        {
            foreach (var part in Expand(used))
            {
                yield return (part, $"{type.Name}.{where}");
            }
        }
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Expand(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }

    private static IEnumerable<Type> InIl(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var opCode = OpCodesByValue[value];
            if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                MemberInfo? member = null;
                try
                {
                    member = method.Module.ResolveMember(BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    // A token this context cannot resolve (vararg signatures): no module type hides there.
                }

                switch (member)
                {
                    case Type t:
                        yield return t;
                        break;
                    case FieldInfo f:
                        yield return f.DeclaringType!;
                        yield return f.FieldType;
                        break;
                    case MethodBase m:
                        yield return m.DeclaringType!;
                        if (m is MethodInfo { IsGenericMethod: true } generic)
                        {
                            foreach (var argument in generic.GetGenericArguments())
                            {
                                yield return argument;
                            }
                        }

                        break;
                }
            }

            position += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
        }
    }
}
