namespace Bitcoin.Common.Descriptors;

/// <summary>A descriptor that does not parse, with Core's error message.</summary>
public sealed class DescriptorException : Exception
{
    /// <summary>Creates the exception with Core's message.</summary>
    public DescriptorException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public DescriptorException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public DescriptorException()
    {
    }
}
