package dev.motorhead.spring.boot;

import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the store is Redis: {@code motorhead.store=redis}, or {@code auto} (the default) with
 * {@code motorhead.redis.url} or {@code spring.data.redis.*} set.
 */
final class OnRedisStore extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String store = context.getEnvironment().getProperty("motorhead.store", "auto")
        .strip().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (store) {
      case "redis" -> ConditionOutcome.match("motorhead.store=redis");
      case "memory" -> ConditionOutcome.noMatch("motorhead.store=memory");
      default -> RedisSettings.configured(context.getEnvironment())
          ? ConditionOutcome.match("motorhead.redis.url or spring.data.redis.* is set")
          : ConditionOutcome.noMatch("neither motorhead.redis.url nor spring.data.redis.* is set");
    };
  }

  /** The opposite. */
  static final class Not extends SpringBootCondition {
    private final OnRedisStore redis = new OnRedisStore();

    @Override
    public ConditionOutcome getMatchOutcome(
        ConditionContext context, AnnotatedTypeMetadata metadata) {
      ConditionOutcome outcome = redis.getMatchOutcome(context, metadata);
      return new ConditionOutcome(!outcome.isMatch(), outcome.getConditionMessage());
    }
  }
}
