using Capnp.Rpc.Protocol;

namespace Capnp.Rpc.Internal;

/// <summary>A capability in the results of a question still unanswered, addressed as <c>promisedAnswer</c>.
/// Always wrapped in a <see cref="PromiseNode"/> that follows the results when they arrive.</summary>
internal sealed class PipelineNode : RpcNode
{
    private readonly QuestionRef _question;
    private readonly PipelinePath _path;

    /// <summary>A node for <paramref name="path"/> in the answer to <paramref name="question"/> (whose reference
    /// it takes).</summary>
    public PipelineNode(RpcConnectionState connection, QuestionRef question, PipelinePath path)
        : base(connection)
    {
        _question = question;
        _path = path;
    }

    public override uint? WriteDescriptor(CapDescriptor.Builder descriptor)
    {
        Write(descriptor.InitReceiverAnswer());
        return null;
    }

    public override CapNode? WriteTarget(MessageTarget.Builder target)
    {
        Write(target.InitPromisedAnswer());
        return null;
    }

    public override CapNode InnermostNode()
    {
        AddRef();
        return this;
    }

    protected override void OnLastRelease() => _question.Release();

    private void Write(PromisedAnswer.Builder answer)
    {
        answer.QuestionId = _question.Id;
        var fields = _path.Fields;
        if (fields.IsEmpty)
            return;
        var transform = answer.InitTransform(fields.Length);
        for (int i = 0; i < fields.Length; i++)
        {
            var op = transform[i];
            op.GetPointerField = fields[i];
        }
    }

    public override string ToString() => $"answer #{_question.Id} {_path}";
}
