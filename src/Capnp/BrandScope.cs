namespace Capnp;

/// <summary>One scope of a generic type's brand (schema.capnp's <c>Brand.Scope</c>): the types bound to the
/// parameters of the generic struct or interface <see cref="ScopeId"/>, or that they are inherited from the
/// enclosing value's brand.</summary>
public sealed class BrandScope
{
    private BrandScope(ulong scopeId, TypeSchema[]? bindings)
    {
        ScopeId = scopeId;
        Bindings = bindings;
    }

    /// <summary>The id of the generic type whose parameters this scope binds.</summary>
    public ulong ScopeId { get; }

    /// <summary>The types bound to the parameters, by index (an unbound parameter is AnyPointer); null when they are
    /// inherited.</summary>
    public IReadOnlyList<TypeSchema>? Bindings { get; }

    /// <summary>True when the bindings are those of the enclosing scope of the same id.</summary>
    public bool Inherits => Bindings is null;

    /// <summary>Binds the parameters of <paramref name="scopeId"/> to <paramref name="bindings"/>, by index.</summary>
    public static BrandScope Bind(ulong scopeId, params TypeSchema[] bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        return new(scopeId, bindings);
    }

    /// <summary>Keeps the bindings the enclosing value has for <paramref name="scopeId"/>.</summary>
    public static BrandScope Inherit(ulong scopeId) => new(scopeId, null);
}
