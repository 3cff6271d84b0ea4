package io.chengis.testkit.contract;

import io.chengis.api.BuildId;
import io.chengis.api.spi.Notifier;
import io.chengis.testkit.RecordingNotifier;
import java.util.List;

class RecordingNotifierTest extends NotifierContract {
  private RecordingNotifier notifier = new RecordingNotifier();

  @Override
  protected Notifier newNotifier() {
    notifier = new RecordingNotifier();
    return notifier;
  }

  @Override
  protected boolean refuseNextDelivery() {
    notifier.refuseNext("HTTP 503");
    return true;
  }

  @Override
  protected List<BuildId> delivered() {
    return notifier.builds();
  }
}
