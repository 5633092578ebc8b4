namespace Bitcoin.Kernel.Storage;

/// <summary>The block file being appended to and the highest height whose undo data is in its rev file (Core's BlockfileCursor).</summary>
internal sealed record BlockfileCursor(int FileNumber, int UndoHeight = 0)
{
    public override string ToString() => $"BlockfileCursor(file_num={FileNumber}, undo_height={UndoHeight})";
}
