export * from './lib/kafka.sink';
export * from './lib/mongo-aggregate.sink';
export * from './lib/mongo.sink';
export * from './lib/redis-analytics-stream';
export * from './lib/stdout.sink';
