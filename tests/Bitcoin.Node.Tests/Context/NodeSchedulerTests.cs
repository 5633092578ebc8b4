using System.Collections.Concurrent;
using Bitcoin.Node.Context;

namespace Bitcoin.Node.Tests.Context;

public sealed class NodeSchedulerTests
{
    [Fact]
    public void TasksRunInTimeOrderNotSubmissionOrder()
    {
        using var scheduler = new NodeScheduler();
        var order = new ConcurrentQueue<int>();
        using var done = new CountdownEvent(3);
        var start = DateTime.UtcNow;

        scheduler.Schedule(() => { order.Enqueue(3); done.Signal(); }, start + TimeSpan.FromMilliseconds(300));
        scheduler.Schedule(() => { order.Enqueue(1); done.Signal(); }, start);
        scheduler.Schedule(() => { order.Enqueue(2); done.Signal(); }, start + TimeSpan.FromMilliseconds(150));

        Assert.True(done.Wait(TimeSpan.FromMinutes(1)));
        Assert.Equal([1, 2, 3], order.ToArray());
    }

    [Fact]
    public void MockForwardMakesALaterTaskDueNow()
    {
        using var scheduler = new NodeScheduler();
        using var ran = new ManualResetEventSlim();
        scheduler.ScheduleFromNow(ran.Set, TimeSpan.FromMinutes(59));
        Assert.Equal(1, scheduler.PendingCount);

        scheduler.MockForward(TimeSpan.FromMinutes(59));

        Assert.True(ran.Wait(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void RepeatingTaskStaysQueuedAndAFailingTaskDoesNotStopTheScheduler()
    {
        using var scheduler = new NodeScheduler();
        using var ran = new CountdownEvent(2);
        scheduler.ScheduleEvery(() => throw new InvalidOperationException("boom"), TimeSpan.FromHours(1));
        scheduler.ScheduleEvery(() => { if (ran.CurrentCount > 0) ran.Signal(); }, TimeSpan.FromHours(1));

        scheduler.MockForward(TimeSpan.FromHours(1));
        SpinWait.SpinUntil(() => scheduler.PendingCount == 2 && ran.CurrentCount == 1, TimeSpan.FromMinutes(1));
        scheduler.MockForward(TimeSpan.FromHours(1));

        Assert.True(ran.Wait(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void StopDropsQueuedTasks()
    {
        var scheduler = new NodeScheduler();
        var ran = false;
        scheduler.ScheduleFromNow(() => ran = true, TimeSpan.FromMinutes(30));

        scheduler.Stop();
        Assert.False(ran);
    }
}
